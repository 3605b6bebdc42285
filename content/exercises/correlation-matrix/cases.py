from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    x = rng.normal(size=40)
    linear = np.column_stack([x, 3 * x + 2, -0.5 * x + 7, rng.normal(size=40)])
    sym = np.linspace(-1, 1, 21)
    return [
        Case("example: perfectly linear columns",
             args=(np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 2.0], [3.0, 6.0, 1.0]]),), visible=True),
        Case("example: two noisy columns",
             args=(np.array([[1.0, 1.0], [2.0, 3.0], [3.0, 2.0], [4.0, 5.0]]),), visible=True),
        *[Case(f"hidden: correlated data n={n}, d={d}",
               args=(rng.normal(size=(n, d)) @ rng.normal(size=(d, d)),))
          for n, d in [(3, 2), (30, 4), (1000, 10)]],
        Case("hidden: columns on wildly different scales",
             args=(rng.normal(size=(100, 3)) * np.array([1e-4, 1.0, 1e5]) + 1e3,)),
        Case("edge: exact linear relations give +1 and -1", args=(linear,), kind="edge"),
        Case("edge: y = x^2 on symmetric x has correlation 0",
             args=(np.column_stack([sym, sym**2]),), kind="edge"),
        Case("edge: two observations", args=(np.array([[0.0, 5.0], [1.0, 2.0]]),), kind="edge"),
        Case("edge: constant column", args=(np.column_stack([x, np.full(40, 2.5)]),),
             raises=ValueError, kind="edge"),
        Case("edge: a single observation", args=(np.ones((1, 3)),), raises=ValueError,
             kind="edge"),
    ]


def _centred(X: np.ndarray) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    return X - X.mean(axis=0)


def _mixed_ddof(X: np.ndarray) -> np.ndarray:
    Xc = _centred(X)
    n = len(Xc)
    cov = Xc.T @ Xc / (n - 1)
    sd = Xc.std(axis=0)  # ddof=0
    return cov / np.outer(sd, sd)


MISTAKES = [
    Mistake(
        "covariance, not correlation",
        wrong=lambda X: _centred(X).T @ _centred(X) / (len(X) - 1),
        hint="This is the covariance matrix: divide entry (j, k) by the standard deviations of "
        "columns j and k so that the diagonal becomes 1.",
    ),
    Mistake(
        "ddof mismatch",
        wrong=_mixed_ddof,
        hint="Your diagonal is not 1: the covariance and the standard deviations used "
        "different divisors (n - 1 vs n). Use the same ddof for both, and it cancels.",
    ),
    Mistake(
        "not centred",
        wrong=lambda X: (lambda U: U.T @ U)(np.asarray(X, float)
                                            / np.linalg.norm(np.asarray(X, float), axis=0)),
        hint="That is the cosine similarity of the raw columns. Centre each column (subtract "
        "its mean) first.",
    ),
]
