from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _correlated(rng: np.random.Generator, n: int, d: int) -> np.ndarray:
    return rng.normal(size=(n, d)) @ rng.normal(size=(d, d)) + rng.normal(size=d) * 3


def cases(rng: np.random.Generator) -> list[Case]:
    X = np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 9.0]])
    return [
        Case("example: 3 observations of 2 variables, ddof=1", args=(X,), visible=True),
        Case("example: the same with ddof=0", args=(X,), kwargs={"ddof": 0}, visible=True),
        *[Case(f"hidden: correlated data n={n}, d={d}, ddof={ddof}",
               args=(_correlated(rng, n, d),), kwargs={"ddof": ddof})
          for n, d, ddof in [(4, 3, 1), (50, 2, 0), (500, 8, 1)]],
        Case("hidden: more variables than observations", args=(_correlated(rng, 5, 9),)),
        Case("edge: one variable gives a 1x1 matrix", args=(rng.normal(size=(20, 1)),),
             kind="edge"),
        Case("edge: columns near 1e6 (centre first)",
             args=(1e6 + rng.normal(size=(200, 3)),), kind="edge"),
        Case("edge: a constant column has zero variance and covariance",
             args=(np.column_stack([rng.normal(size=10), np.full(10, 4.0)]),), kind="edge"),
        Case("edge: one row with ddof=1", args=(np.ones((1, 3)),), raises=ValueError,
             kind="edge"),
        Case("edge: 1-D input", args=(np.ones(5),), raises=ValueError, kind="edge"),
    ]


def _cov(X: np.ndarray, ddof: int = 1, *, centre: bool = True) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0) if centre else X
    return Xc.T @ Xc / (X.shape[0] - ddof)


MISTAKES = [
    Mistake(
        "not centred",
        wrong=lambda X, ddof=1: _cov(X, ddof, centre=False),
        hint="Subtract each column's mean before multiplying: covariance is about deviations "
        "from the mean, not raw products.",
    ),
    Mistake(
        "ddof ignored",
        wrong=lambda X, ddof=1: _cov(X, 1 - ddof),
        hint="Your divisor is off by one: divide by n - ddof (n - 1 for the default ddof=1).",
    ),
    Mistake(
        "one-pass formula",
        wrong=lambda X, ddof=1: (np.asarray(X, float).T @ np.asarray(X, float)
                                 - len(X) * np.outer(np.mean(X, 0), np.mean(X, 0))) / (len(X) - ddof),
        hint="The shortcut sum(x y) - n mean(x) mean(y) cancels catastrophically when the data "
        "are far from 0: centre the columns first, then multiply.",
    ),
]
