from __future__ import annotations

import numpy as np


def attention(
    Q: np.ndarray, K: np.ndarray, V: np.ndarray, mask: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    if Q.ndim != 2 or K.ndim != 2 or V.ndim != 2:
        raise ValueError("Q, K and V must be 2-D")
    if Q.shape[1] != K.shape[1] or K.shape[0] != V.shape[0]:
        raise ValueError(f"shapes do not fit: Q {Q.shape}, K {K.shape}, V {V.shape}")
    scores = Q @ K.T / np.sqrt(Q.shape[1])
    if mask is not None:
        mask = np.asarray(mask, dtype=bool)
        if mask.shape != scores.shape:
            raise ValueError(f"mask must have shape {scores.shape}, got {mask.shape}")
        if not mask.any(axis=1).all():
            raise ValueError("a query row of the mask allows no key")
        scores = np.where(mask, scores, -np.inf)
    scores = scores - scores.max(axis=1, keepdims=True)  # every row has a finite maximum
    weights = np.exp(scores)  # exp(-inf) = 0 for masked keys
    weights /= weights.sum(axis=1, keepdims=True)
    return weights @ V, weights
