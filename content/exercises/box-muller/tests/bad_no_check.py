# Right formulas, but no checks: broadcasting pairs one u1 with many u2, and u1 = 1 gives inf.
import numpy as np


def box_muller(u1, u2):
    r = np.sqrt(-2 * np.log1p(-np.asarray(u1, dtype=float)))
    theta = 2 * np.pi * np.asarray(u2, dtype=float)
    return r * np.cos(theta), r * np.sin(theta)
