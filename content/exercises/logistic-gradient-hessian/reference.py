from __future__ import annotations

import numpy as np


def logistic_grad_hess(
    X: np.ndarray, y: np.ndarray, w: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.asarray(w, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or w.shape != (X.shape[1],):
        raise ValueError(f"shapes do not fit: X {X.shape}, y {y.shape}, w {w.shape}")
    n = X.shape[0]
    z = X @ w
    loss = float((np.logaddexp(0.0, z) - y * z).mean())
    e = np.exp(-np.abs(z))  # exponent <= 0: no overflow in either branch
    p = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    grad = X.T @ (p - y) / n
    hess = (X * (p * (1.0 - p))[:, None]).T @ X / n
    return loss, grad, hess
