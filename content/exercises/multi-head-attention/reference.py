from __future__ import annotations

import numpy as np


def multi_head_attention(
    X: np.ndarray,
    Wq: np.ndarray,
    Wk: np.ndarray,
    Wv: np.ndarray,
    Wo: np.ndarray,
    n_heads: int,
    mask: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be (n, d_model), got shape {X.shape}")
    n, d = X.shape
    weights = [np.asarray(W, dtype=float) for W in (Wq, Wk, Wv, Wo)]
    if any(W.shape != (d, d) for W in weights):
        raise ValueError(f"every projection must have shape ({d}, {d})")
    if n_heads < 1 or d % n_heads:
        raise ValueError(f"n_heads = {n_heads} does not divide d_model = {d}")
    Wq, Wk, Wv, Wo = weights
    dk = d // n_heads

    def split(M: np.ndarray) -> np.ndarray:  # (n, d) -> (heads, n, dk), consecutive columns
        return M.reshape(n, n_heads, dk).transpose(1, 0, 2)

    Q, K, V = split(X @ Wq), split(X @ Wk), split(X @ Wv)
    scores = Q @ K.transpose(0, 2, 1) / np.sqrt(dk)  # (heads, n, n)
    if mask is not None:
        mask = np.asarray(mask, dtype=bool)
        if mask.shape != (n, n):
            raise ValueError(f"mask must have shape ({n}, {n}), got {mask.shape}")
        if not mask.any(axis=1).all():
            raise ValueError("a row of the mask allows no position")
        scores = np.where(mask, scores, -np.inf)
    scores -= scores.max(axis=-1, keepdims=True)
    attn = np.exp(scores)
    attn /= attn.sum(axis=-1, keepdims=True)
    heads = attn @ V  # (heads, n, dk)
    concat = heads.transpose(1, 0, 2).reshape(n, d)
    return concat @ Wo, attn
