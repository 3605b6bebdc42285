# Checks that both sum to 1 but never looks for negative entries.
import numpy as np


def kl_divergence(p, q):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    if p.shape != q.shape:
        raise ValueError("shapes differ")
    if abs(p.sum() - 1) > 1e-9 or abs(q.sum() - 1) > 1e-9:
        raise ValueError("does not sum to 1")
    s = p > 0
    if (q[s] == 0).any():
        return float("inf")
    with np.errstate(invalid="ignore"):
        return float(np.sum(p[s] * np.log(p[s] / q[s])))
