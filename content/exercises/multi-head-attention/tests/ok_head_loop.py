# Correct: a loop over heads with 2-D slices and np.concatenate.
import numpy as np


def multi_head_attention(X, Wq, Wk, Wv, Wo, n_heads, mask=None):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError("X")
    n, d = X.shape
    for W in (Wq, Wk, Wv, Wo):
        if np.shape(W) != (d, d):
            raise ValueError("W")
    if n_heads < 1 or d % n_heads != 0:
        raise ValueError("heads")
    if mask is not None:
        mask = np.asarray(mask, dtype=bool)
        if mask.shape != (n, n) or not mask.any(axis=1).all():
            raise ValueError("mask")
    dk = d // n_heads
    Q, K, V = X @ Wq, X @ Wk, X @ Wv
    outs, ws = [], []
    for j in range(n_heads):
        cols = slice(j * dk, (j + 1) * dk)
        s = Q[:, cols] @ K[:, cols].T / np.sqrt(dk)
        if mask is not None:
            s[~mask] = -np.inf
        e = np.exp(s - s.max(axis=1, keepdims=True))
        w = e / e.sum(axis=1, keepdims=True)
        ws.append(w)
        outs.append(w @ V[:, cols])
    return np.concatenate(outs, axis=1) @ Wo, np.stack(ws)
