from __future__ import annotations

import numpy as np


def _check_distribution(x: np.ndarray, name: str) -> None:
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array")
    if np.any(x < 0) or abs(x.sum() - 1.0) > 1e-9:
        raise ValueError(f"{name} must be non-negative and sum to 1")


def kl_divergence(p: np.ndarray, q: np.ndarray) -> float:
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    if p.shape != q.shape:
        raise ValueError(f"shapes differ: {p.shape} and {q.shape}")
    _check_distribution(p, "p")
    _check_distribution(q, "q")
    support = p > 0  # terms with p_i = 0 contribute 0
    if np.any(q[support] == 0):
        return float("inf")
    ps, qs = p[support], q[support]
    return float((ps * np.log(ps / qs)).sum())
