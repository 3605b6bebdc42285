from __future__ import annotations

import numpy as np


def minibatch_sgd(
    X: np.ndarray, y: np.ndarray, w0: np.ndarray, lr: float, batch_size: int, order: np.ndarray
) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.array(w0, dtype=float)  # a copy: the caller's w0 stays as it was
    order = np.asarray(order)
    if X.ndim != 2 or y.shape != (X.shape[0],) or w.shape != (X.shape[1],):
        raise ValueError(f"shapes do not fit: X {X.shape}, y {y.shape}, w0 {w.shape}")
    n = X.shape[0]
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    if not lr > 0:
        raise ValueError(f"lr must be positive, got {lr}")
    if order.ndim != 2 or order.shape[1] != n:
        raise ValueError(f"order must have shape (n_epochs, {n}), got {order.shape}")
    for row in order:
        if not np.array_equal(np.sort(row), np.arange(n)):
            raise ValueError("every row of order must be a permutation of 0..n-1")
    for epoch in order:
        for start in range(0, n, batch_size):
            idx = epoch[start:start + batch_size]
            Xb = X[idx]
            residual = Xb @ w - y[idx]
            w -= lr * 2.0 * (Xb.T @ residual) / len(idx)
    return w
