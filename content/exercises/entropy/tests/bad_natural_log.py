# Nats instead of bits: uses np.log where the statement asks for log base 2.
import numpy as np


def entropy(p):
    p = np.asarray(p, dtype=float)
    if p.ndim != 1 or p.size == 0 or (p < 0).any() or abs(p.sum() - 1) > 1e-9:
        raise ValueError("invalid distribution")
    nz = p[p > 0]
    return float(-np.sum(nz * np.log(nz)))
