# Counts the proposal draws in the tail and forgets the likelihood ratio (~0.5 every time).
import numpy as np


def importance_tail(z, c):
    z = np.asarray(z, dtype=float)
    if z.ndim != 1 or len(z) < 2:
        raise ValueError("need a 1-D array of at least 2 draws")
    h = (z + c > c).astype(float)
    return h.mean(), h.std(ddof=1) / np.sqrt(len(h))
