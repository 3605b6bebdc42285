from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _with_condition(rng: np.random.Generator, n: int, d: int, cond: float) -> np.ndarray:
    U, _ = np.linalg.qr(rng.normal(size=(n, d)))
    V, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return (U * np.logspace(0, -np.log10(cond), d)) @ V.T


def _noisy(rng: np.random.Generator, n: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    X = rng.normal(size=(n, d))
    return X, X @ rng.normal(size=d) + 0.1 * rng.normal(size=n)


def cases(rng: np.random.Generator) -> list[Case]:
    bad = _with_condition(rng, 60, 6, 1e8)
    t = np.linspace(0, 1, 30)
    vander = np.vander(t, 6, increasing=True)
    dup = rng.normal(size=(10, 3))
    dup = np.hstack([dup, dup[:, [1]]])
    return [
        Case("example: a line through three points",
             args=(np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]), np.array([1.0, 3.0, 4.0])),
             visible=True),
        Case("example: square and exact",
             args=(np.array([[2.0, 1.0], [1.0, 3.0]]), np.array([3.0, 5.0])), visible=True),
        *[Case(f"hidden: random noisy n={n}, d={d}", args=_noisy(rng, n, d))
          for n, d in [(1, 1), (5, 2), (40, 8), (500, 20)]],
        Case("hidden: polynomial fit of degree 5 on [0, 1]",
             args=(vander, np.sin(6 * t) + 0.01 * rng.normal(size=30))),
        Case("edge: condition number 1e8 (the normal equation loses every digit)",
             args=(bad, bad @ rng.normal(size=6)), kind="edge", rtol=1e-5, atol=1e-5),
        Case("edge: y orthogonal to the columns", args=(np.array([[1.0], [1.0]]),
                                                       np.array([2.0, -2.0])), kind="edge"),
        Case("edge: a duplicated column", args=(dup, rng.normal(size=10)), raises=ValueError,
             kind="edge", reason="a rank-deficient X (duplicated column)"),
        Case("edge: fewer rows than columns", args=(rng.normal(size=(2, 3)), np.ones(2)),
             raises=ValueError, kind="edge", reason="2 equations and 3 unknowns"),
        Case("edge: y of the wrong length", args=(np.ones((4, 2)), np.ones(3)),
             raises=ValueError, kind="edge", reason="X with 4 rows and y of length 3"),
        Case("edge: a 1-D X", args=(np.ones(3), np.ones(3)), raises=ValueError, kind="edge",
             reason="a 1-D X"),
    ]


def _normal_equation(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    return np.linalg.solve(X.T @ X, X.T @ y)


def _forward_substitution(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    Q, R = np.linalg.qr(np.asarray(X, dtype=float))
    c = Q.T @ np.asarray(y, dtype=float)
    w = np.zeros(len(c))
    for i in range(len(c)):
        w[i] = (c[i] - R[i, :i] @ w[:i]) / R[i, i]
    return w


MISTAKES = [
    Mistake(
        "forward instead of back substitution",
        wrong=_forward_substitution,
        hint="R is upper triangular: its last row has a single unknown. Solve from the last row "
        "up, not from the first down.",
    ),
    Mistake(
        "normal equation",
        wrong=_normal_equation,
        hint="This matches the normal equation X^T X w = X^T y, which squares the condition "
        "number and fails on ill-conditioned X. Use X = QR and solve R w = Q^T y.",
    ),
]
