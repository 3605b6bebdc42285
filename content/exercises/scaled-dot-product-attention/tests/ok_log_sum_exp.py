# Weights as exp(scores - logsumexp(scores)) per row, masked scores at -inf.
import numpy as np


def attention(Q, K, V, mask=None):
    Q, K, V = np.asarray(Q, float), np.asarray(K, float), np.asarray(V, float)
    if Q.ndim != 2 or K.ndim != 2 or V.ndim != 2 or Q.shape[1] != K.shape[1]:
        raise ValueError("shapes do not fit")
    if len(K) != len(V):
        raise ValueError("K and V lengths differ")
    S = (Q @ K.T) / np.sqrt(Q.shape[1])
    if mask is not None:
        mask = np.asarray(mask, dtype=bool)
        if mask.shape != S.shape or not mask.any(axis=1).all():
            raise ValueError("bad mask")
        S = np.where(mask, S, -np.inf)
    top = S.max(axis=1, keepdims=True)
    lse = top + np.log(np.exp(S - top).sum(axis=1, keepdims=True))
    W = np.exp(S - lse)
    return W @ V, W
