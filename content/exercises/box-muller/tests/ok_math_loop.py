# Pair by pair with the math module, log(1 - u1) instead of log1p.
import math

import numpy as np


def box_muller(u1, u2):
    u1 = np.asarray(u1, dtype=float)
    u2 = np.asarray(u2, dtype=float)
    if u1.shape != u2.shape:
        raise ValueError("shapes differ")
    z1 = np.empty_like(u1)
    z2 = np.empty_like(u1)
    for index, a in np.ndenumerate(u1):
        b = u2[index]
        if not (0 <= a < 1 and 0 <= b < 1):
            raise ValueError("draws must be in [0, 1)")
        r = math.sqrt(-2 * math.log(1 - a))
        z1[index] = r * math.cos(2 * math.pi * b)
        z2[index] = r * math.sin(2 * math.pi * b)
    return z1, z2
