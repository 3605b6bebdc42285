# A Python loop with math.log2, skipping zero probabilities (0 log 0 = 0).
import math

import numpy as np


def entropy(p):
    p = np.asarray(p, dtype=float)
    if p.ndim != 1 or len(p) == 0:
        raise ValueError("p must be a non-empty 1-D array")
    if any(v < 0 for v in p) or abs(math.fsum(p) - 1.0) > 1e-9:
        raise ValueError("not a probability vector")
    h = 0.0
    for v in p:
        if v > 0:
            h -= v * math.log2(v)
    return h
