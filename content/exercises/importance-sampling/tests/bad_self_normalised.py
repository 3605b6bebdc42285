# The self-normalised estimator sum(h) / sum(w): a different (biased) estimator.
import numpy as np


def importance_tail(z, c):
    z = np.asarray(z, dtype=float)
    if z.ndim != 1 or len(z) < 2:
        raise ValueError("need a 1-D array of at least 2 draws")
    x = z + c
    w = np.exp(c * c / 2 - c * x)
    h = (x > c) * w
    estimate = h.sum() / w.sum()
    return estimate, h.std(ddof=1) / np.sqrt(len(h))
