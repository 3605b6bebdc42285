from __future__ import annotations

import numpy as np

RANK_TOL = 1e-10


def lstsq_qr(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"expected X (n, d) and y (n,), got {X.shape} and {y.shape}")
    n, d = X.shape
    if n < d:
        raise ValueError(f"{n} equations cannot determine {d} unknowns")
    Q, R = np.linalg.qr(X)
    diag = np.abs(np.diag(R))
    if d == 0 or not np.all(diag > RANK_TOL * diag.max()):
        raise ValueError("X is rank-deficient: the least-squares solution is not unique")
    c = Q.T @ y
    w = np.zeros(d)
    for i in reversed(range(d)):
        w[i] = (c[i] - np.sum(R[i, i + 1:] * w[i + 1:])) / R[i, i]
    return w
