# Vectorised as sum p (log p - log q) over the support of p.
import numpy as np


def kl_divergence(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    if p.shape != q.shape or p.ndim != 1 or p.size == 0:
        raise ValueError("bad shapes")
    if (p < 0).any() or (q < 0).any():
        raise ValueError("negative probability")
    if abs(p.sum() - 1) > 1e-9 or abs(q.sum() - 1) > 1e-9:
        raise ValueError("does not sum to 1")
    s = p > 0
    if (q[s] == 0).any():
        return float("inf")
    return float(np.sum(p[s] * (np.log(p[s]) - np.log(q[s]))))
