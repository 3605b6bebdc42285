from __future__ import annotations

import numpy as np


def _dominant(A: np.ndarray, rng: np.random.Generator) -> tuple[float, np.ndarray]:
    v = rng.normal(size=A.shape[0])
    v /= np.linalg.norm(v)
    for _ in range(10_000):
        w = A @ v
        w /= np.linalg.norm(w)
        done = np.linalg.norm(w - v) < 1e-10
        v = w
        if done:
            break
    return float(v @ A @ v), v


def power_iteration(A: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    A = np.array(A, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"A must be square, got shape {A.shape}")
    n = A.shape[0]
    if not 1 <= k <= n:
        raise ValueError(f"k must be between 1 and {n}, got {k}")
    rng = np.random.default_rng(0)
    values = np.empty(k)
    vectors = np.empty((n, k))
    for j in range(k):
        lam, v = _dominant(A, rng)
        values[j], vectors[:, j] = lam, v
        A -= lam * np.outer(v, v)  # deflation: the found direction now has eigenvalue 0
    return values, vectors
