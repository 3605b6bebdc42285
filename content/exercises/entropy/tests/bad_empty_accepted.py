# Validates signs and the sum only when there is something to sum: an empty p returns 0.
import numpy as np


def entropy(p):
    p = np.asarray(p, dtype=float)
    if p.size and ((p < 0).any() or abs(p.sum() - 1) > 1e-9):
        raise ValueError("invalid distribution")
    nz = p[p > 0]
    return float(-np.sum(nz * np.log2(nz)))
