# Forgets to divide the scores by sqrt(d).
import numpy as np


def attention(Q, K, V, mask=None):
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    if Q.ndim != 2 or K.ndim != 2 or V.ndim != 2:
        raise ValueError("2-D please")
    if Q.shape[1] != K.shape[1] or K.shape[0] != V.shape[0]:
        raise ValueError("shapes do not fit")
    S = Q @ K.T
    if mask is not None:
        mask = np.asarray(mask, dtype=bool)
        if mask.shape != S.shape or not mask.any(axis=1).all():
            raise ValueError("bad mask")
        S = np.where(mask, S, -np.inf)
    S = S - S.max(axis=1, keepdims=True)
    W = np.exp(S)
    W /= W.sum(axis=1, keepdims=True)
    return W @ V, W
