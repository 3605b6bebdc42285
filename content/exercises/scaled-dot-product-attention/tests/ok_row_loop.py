# One query at a time: masked keys are dropped before a stable softmax over the rest.
import numpy as np


def attention(Q, K, V, mask=None):
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    if Q.ndim != 2 or K.ndim != 2 or V.ndim != 2:
        raise ValueError("Q, K, V must be 2-D")
    n, d = Q.shape
    m = K.shape[0]
    if K.shape[1] != d or V.shape[0] != m:
        raise ValueError("shapes do not fit")
    if mask is not None:
        mask = np.asarray(mask, dtype=bool)
        if mask.shape != (n, m):
            raise ValueError("mask must be (n, m)")
    else:
        mask = np.ones((n, m), dtype=bool)
    weights = np.zeros((n, m))
    for i in range(n):
        keep = np.flatnonzero(mask[i])
        if keep.size == 0:
            raise ValueError("a query may attend to nothing")
        s = K[keep] @ Q[i] / np.sqrt(d)
        e = np.exp(s - s.max())
        weights[i, keep] = e / e.sum()
    return weights @ V, weights
