# Never checks the mask's shape: a 1-D mask over the keys broadcasts to every query.
import numpy as np


def attention(Q, K, V, mask=None):
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    if Q.ndim != 2 or K.ndim != 2 or V.ndim != 2:
        raise ValueError("2-D please")
    if Q.shape[1] != K.shape[1] or K.shape[0] != V.shape[0]:
        raise ValueError("shapes do not fit")
    S = Q @ K.T / np.sqrt(Q.shape[1])
    if mask is not None:
        mask = np.broadcast_to(np.asarray(mask, dtype=bool), S.shape)
        if not mask.any(axis=1).all():
            raise ValueError("a row allows no key")
        S = np.where(mask, S, -np.inf)
    S = S - S.max(axis=1, keepdims=True)
    W = np.exp(S)
    W /= W.sum(axis=1, keepdims=True)
    return W @ V, W
