from __future__ import annotations

import numpy as np


def lasso_coordinate_descent(X: np.ndarray, y: np.ndarray, lam: float) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if lam < 0:
        raise ValueError(f"lam must be >= 0, got {lam}")
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"expected X (n, d) and y (n,), got {X.shape} and {y.shape}")
    d = X.shape[1]
    col_sq = (X * X).sum(axis=0)
    w = np.zeros(d)
    r = y.copy()  # residual y - X w, kept current as single weights change
    for _ in range(100_000):
        biggest = 0.0
        for j in range(d):
            if col_sq[j] == 0.0:
                continue  # an all-zero feature can never help: its weight stays 0
            rho = X[:, j] @ r + col_sq[j] * w[j]
            new = np.sign(rho) * max(abs(rho) - lam, 0.0) / col_sq[j]
            if new != w[j]:
                r -= X[:, j] * (new - w[j])
                biggest = max(biggest, abs(new - w[j]))
                w[j] = new
        if biggest <= 1e-12:
            break
    return w
