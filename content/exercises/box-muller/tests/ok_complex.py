# The angle as a complex exponential: R * exp(i theta) = z1 + i z2.
import numpy as np


def box_muller(u1, u2):
    u1 = np.asarray(u1, dtype=float)
    u2 = np.asarray(u2, dtype=float)
    if u1.shape != u2.shape:
        raise ValueError("shapes differ")
    if ((u1 < 0) | (u1 >= 1) | (u2 < 0) | (u2 >= 1)).any():
        raise ValueError("draws must be in [0, 1)")
    z = np.sqrt(-2 * np.log(1 - u1)) * np.exp(2j * np.pi * u2)
    return z.real.copy(), z.imag.copy()
