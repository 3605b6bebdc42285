# Computes KL(q || p) instead of KL(p || q).
import numpy as np


def kl_divergence(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    if p.shape != q.shape or p.ndim != 1 or p.size == 0:
        raise ValueError("bad shapes")
    for x in (p, q):
        if (x < 0).any() or abs(x.sum() - 1) > 1e-9:
            raise ValueError("not a distribution")
    s = q > 0
    if (p[s] == 0).any():
        return float("inf")
    return float(np.sum(q[s] * np.log(q[s] / p[s])))
