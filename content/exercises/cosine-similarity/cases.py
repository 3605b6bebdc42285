from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    base = rng.normal(size=(1, 5))
    return [
        Case(
            "example: 2 rows against 3 rows",
            args=(np.array([[1.0, 0.0], [1.0, 1.0]]),
                  np.array([[2.0, 0.0], [0.0, 3.0], [-1.0, -1.0]])),
            visible=True,
        ),
        Case(
            "example: one pair in 3-D",
            args=(np.array([[1.0, 2.0, 2.0]]), np.array([[2.0, 0.0, 1.0]])),
            visible=True,
        ),
        *[
            Case(f"hidden: random n={n}, m={m}, d={d}",
                 args=(rng.normal(size=(n, d)), rng.normal(size=(m, d))))
            for n, m, d in [(1, 1, 3), (4, 6, 2), (30, 20, 16), (100, 50, 64)]
        ],
        Case("hidden: rows with very different lengths",
             args=(rng.normal(size=(5, 4)) * np.array([[1e-3], [1.0], [10.0], [1e3], [1e6]]),
                   rng.normal(size=(3, 4)))),
        Case("edge: a row and its scaled copies (cosine 1 and -1)",
             args=(base, np.vstack([3.0 * base, 0.01 * base, -2.0 * base])), kind="edge"),
        Case("edge: X compared with itself", args=(np.vstack([base, np.eye(5)]),) * 2,
             kind="edge"),
        Case("edge: zero row in Y", args=(np.ones((2, 3)), np.array([[1.0, 2.0, 3.0], [0, 0, 0]])),
             raises=ValueError, kind="edge"),
        Case("edge: widths differ", args=(np.ones((2, 3)), np.ones((2, 4))),
             raises=ValueError, kind="edge"),
    ]


def _dots(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    return np.asarray(X, dtype=float) @ np.asarray(Y, dtype=float).T


def _norms(M: np.ndarray) -> np.ndarray:
    return np.sqrt((np.asarray(M, dtype=float) ** 2).sum(axis=1))


MISTAKES = [
    Mistake(
        "dot products only",
        wrong=_dots,
        hint="These are raw dot products. Divide each by the lengths of both rows so that only "
        "the angle matters.",
    ),
    Mistake(
        "divided by squared norms",
        wrong=lambda X, Y: _dots(X, Y) / np.outer(_norms(X) ** 2, _norms(Y) ** 2),
        hint="You divided by the squared lengths. The 2-norm is the square root of the sum of "
        "squares.",
    ),
    Mistake(
        "normalised only X",
        wrong=lambda X, Y: _dots(X, Y) / _norms(X)[:, None],
        hint="Only the rows of X were normalised; divide by the length of the Y row too.",
    ),
]
