from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _sparse_problem(rng: np.random.Generator, n: int, d: int, k: int) -> tuple:
    X = rng.normal(size=(n, d))
    w = np.zeros(d)
    w[rng.choice(d, size=k, replace=False)] = rng.normal(size=k) * 3
    return X, X @ w + 0.5 * rng.normal(size=n)


def cases(rng: np.random.Generator) -> list[Case]:
    X1, y1 = _sparse_problem(rng, 30, 5, 2)
    X2, y2 = _sparse_problem(rng, 100, 20, 4)
    Xw, yw = _sparse_problem(rng, 8, 15, 2)
    lam_max = float(np.abs(X1.T @ y1).max())
    zero_col = X1.copy()
    zero_col[:, 2] = 0.0
    return [
        Case("example: orthonormal columns, lam=1",
             args=(np.eye(3), np.array([3.0, -0.5, 1.5]), 1.0), visible=True),
        Case("example: two correlated features, lam=0.5",
             args=(np.array([[1.0, 0.5], [0.0, 1.0], [1.0, 1.0]]), np.array([2.0, 1.0, 3.0]),
                   0.5), visible=True),
        *[Case(f"hidden: n=30, d=5, lam={lam}", args=(X1, y1, lam)) for lam in [0.5, 5.0, 30.0]],
        Case("hidden: n=100, d=20, lam=20", args=(X2, y2, 20.0)),
        Case("hidden: more features than examples, lam=2", args=(Xw, yw, 2.0)),
        Case("edge: lam=0 is least squares", args=(X1, y1, 0.0), kind="edge"),
        Case("edge: lam >= max|X^T y| gives all zeros", args=(X1, y1, lam_max * 1.01),
             kind="edge"),
        Case("edge: a column of zeros", args=(zero_col, y1, 1.0), kind="edge"),
        Case("edge: negative lam", args=(X1, y1, -1.0), raises=ValueError, kind="edge"),
        Case("edge: y of the wrong length", args=(X1, y1[:-1], 1.0), raises=ValueError,
             kind="edge"),
        Case("edge: X is 1-D", args=(X1[:, 0], y1, 1.0), raises=ValueError, kind="edge"),
    ]


def _lasso(X: np.ndarray, y: np.ndarray, lam: float) -> np.ndarray:
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    col_sq = (X * X).sum(axis=0)
    w = np.zeros(X.shape[1])
    r = y.copy()
    for _ in range(20_000):
        change = 0.0
        for j in np.flatnonzero(col_sq):
            rho = X[:, j] @ r + col_sq[j] * w[j]
            new = np.sign(rho) * max(abs(rho) - lam, 0.0) / col_sq[j]
            r -= X[:, j] * (new - w[j])
            change = max(change, abs(new - w[j]))
            w[j] = new
        if change <= 1e-12:
            break
    return w


MISTAKES = [
    Mistake(
        "threshold at lam / 2",
        wrong=lambda X, y, lam: _lasso(X, y, lam / 2),
        hint="With the 1/2 in front of the squared error, the soft-threshold level is exactly "
        "lam (not lam / 2).",
    ),
    Mistake(
        "threshold at 2 * lam",
        wrong=lambda X, y, lam: _lasso(X, y, 2 * lam),
        hint="Your weights are shrunk too much: the soft-threshold level is lam, because the "
        "squared error carries a factor 1/2.",
    ),
    Mistake(
        "threshold scaled by n",
        wrong=lambda X, y, lam: _lasso(X, y, lam * len(y)),
        hint="You used n * lam (scikit-learn's 1/(2n) convention). Here the objective is "
        "0.5 * ||y - X w||^2 + lam * ||w||_1.",
    ),
]

NONFINITE_HINT = (
    "0/0 from a column of zeros: its squared norm is 0. Skip that coordinate and leave its "
    "weight at 0."
)
