from __future__ import annotations

import numpy as np


def pagerank(adj: np.ndarray, damping: float = 0.85) -> np.ndarray:
    W = np.asarray(adj, dtype=float)
    if W.ndim != 2 or W.shape[0] != W.shape[1] or W.shape[0] == 0:
        raise ValueError(f"adj must be a non-empty square matrix, got shape {W.shape}")
    if np.any(W < 0):
        raise ValueError("link weights must be non-negative")
    if not 0 <= damping < 1:
        raise ValueError(f"damping must be in [0, 1), got {damping}")
    n = W.shape[0]
    out = W.sum(axis=1)
    dangling = out == 0
    # P[i, j]: probability of stepping from i to j; dangling rows jump anywhere.
    P = np.where(dangling[:, None], 1.0 / n, W / np.where(dangling, 1.0, out)[:, None])
    r = np.full(n, 1.0 / n)
    for _ in range(10_000):
        new = (1 - damping) / n + damping * (r @ P)
        change = np.abs(new - r).sum()
        r = new
        if change < 1e-12:
            break
    return r / r.sum()
