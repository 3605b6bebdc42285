from __future__ import annotations

import numpy as np


def _sigmoid(z: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(z))  # never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def logistic_regression_gd(X: np.ndarray, y: np.ndarray, lr: float, n_iter: int) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or X.shape[0] == 0:
        raise ValueError(f"expected X (n, d) and y (n,), got {X.shape} and {y.shape}")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("labels must be 0 or 1")
    if not lr > 0:
        raise ValueError(f"lr must be positive, got {lr}")
    if n_iter < 0:
        raise ValueError(f"n_iter must be >= 0, got {n_iter}")
    n, d = X.shape
    w = np.zeros(d)
    for _ in range(n_iter):
        w -= lr * (X.T @ (_sigmoid(X @ w) - y)) / n
    return w
