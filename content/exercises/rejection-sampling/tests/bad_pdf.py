# Compares u with the normalised Beta pdf: too many acceptances near the mode.
import math

import numpy as np


def rejection_beta(x, u, a, b):
    x = np.asarray(x, dtype=float)
    u = np.asarray(u, dtype=float)
    if a < 1 or b < 1 or x.ndim != 1 or x.shape != u.shape:
        raise ValueError("bad parameters or shapes")
    if np.any((x < 0) | (x >= 1) | (u < 0) | (u >= 1)):
        raise ValueError("values must be in [0, 1)")
    beta = math.gamma(a) * math.gamma(b) / math.gamma(a + b)
    return x[u < x ** (a - 1) * (1 - x) ** (b - 1) / beta]
