from __future__ import annotations

import numpy as np


def _logsumexp_affine(A: np.ndarray, b: np.ndarray, x: np.ndarray) -> float:
    z = A @ x + b
    c = z.max()
    return float(c + np.log(np.exp(z - c).sum()))


def numerical_gradient(A: np.ndarray, b: np.ndarray, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    x = np.asarray(x, dtype=float)
    if h <= 0:
        raise ValueError(f"h must be positive, got {h}")
    if A.ndim != 2 or b.shape != (A.shape[0],) or x.shape != (A.shape[1],):
        raise ValueError(f"shapes do not fit: A {A.shape}, b {b.shape}, x {x.shape}")
    grad = np.empty_like(x)
    for j in range(x.size):
        step = np.zeros_like(x)
        step[j] = h
        grad[j] = (_logsumexp_affine(A, b, x + step) - _logsumexp_affine(A, b, x - step)) / (2 * h)
    return grad
