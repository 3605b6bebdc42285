from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("allclose", "scalar")


def _regression(rng: np.random.Generator, n: int, d: int, scale: float = 1.0) -> tuple:
    X = rng.normal(size=(n, d)) * scale
    w = rng.normal(size=d)
    y = X @ w + rng.normal() * 3 + 0.1 * rng.normal(size=n)
    return X, y


def cases(rng: np.random.Generator) -> list[Case]:
    dup = rng.normal(size=(20, 3))
    dup = np.hstack([dup, dup[:, [1]]])
    const = np.hstack([rng.normal(size=(15, 2)), np.full((15, 1), 4.0)])
    # A combination with inexact coefficients: X^T X comes out singular only up to rounding,
    # so its determinant is rarely exactly 0 and np.linalg.solve returns huge numbers.
    combo = rng.normal(size=(25, 3))
    combo = np.hstack([combo, 0.3 * combo[:, [0]] - 1.7 * combo[:, [2]]])
    X_off, y_off = _regression(rng, 60, 3)
    # The rank-deficient cases take only ValueError itself: np.linalg.solve raising
    # LinAlgError (a ValueError subclass) on a singular X^T X is not the check the statement
    # asks for, and on other data a `det == 0` test lets garbage through.
    return [
        Case("example: points on y = 2x + 1",
             args=(np.array([[0.0], [1.0], [2.0]]), np.array([1.0, 3.0, 5.0])),
             visible=True, check=CHECK),
        Case("example: noisy line through (0, 0), (1, 1), (2, 1), (3, 2)",
             args=(np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([0.0, 1.0, 1.0, 2.0])),
             visible=True, check=CHECK),
        *[Case(f"hidden: random n={n}, d={d}", args=_regression(rng, n, d), check=CHECK)
          for n, d in [(10, 1), (50, 4), (200, 10), (1000, 3)]],
        Case("hidden: features on very different scales",
             args=(rng.normal(size=(100, 3)) * np.array([0.01, 1.0, 100.0]),
                   rng.normal(size=100)), check=CHECK),
        Case("hidden: features far from zero", args=(X_off + 50.0, y_off), check=CHECK),
        Case("edge: exactly as many rows as unknowns", args=_regression(rng, 4, 3), check=CHECK,
             kind="edge"),
        Case("edge: duplicated feature column", args=(dup, rng.normal(size=20)),
             raises=ValueError, raises_exactly=True, kind="edge"),
        Case("edge: constant feature (copies the intercept)", args=(const, rng.normal(size=15)),
             raises=ValueError, raises_exactly=True, kind="edge"),
        Case("edge: a feature is a combination of two others", args=(combo, rng.normal(size=25)),
             raises=ValueError, raises_exactly=True, kind="edge"),
        Case("edge: fewer rows than unknowns", args=_regression(rng, 6, 9),
             raises=ValueError, raises_exactly=True, kind="edge"),
        Case("edge: y of the wrong length", args=(np.ones((4, 1)), np.ones(5)),
             raises=ValueError, kind="edge"),
    ]


def _no_intercept(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    return np.linalg.solve(X.T @ X, X.T @ y), 0.0


MISTAKES = [
    Mistake(
        "no intercept",
        wrong=_no_intercept,
        hint="Your line is forced through the origin. Prepend a column of ones to X so that the "
        "intercept b is estimated together with w.",
    ),
]
