# Weights as an explicit ratio of the two normal densities, NumPy's mean and std(ddof=1).
import numpy as np


def importance_tail(z, c):
    z = np.asarray(z, dtype=float)
    if z.ndim != 1 or len(z) < 2:
        raise ValueError("need a 1-D array of at least 2 draws")
    x = z + c
    p = np.exp(-x**2 / 2) / np.sqrt(2 * np.pi)
    q = np.exp(-((x - c) ** 2) / 2) / np.sqrt(2 * np.pi)
    h = (x > c) * (p / q)
    return h.mean(), h.std(ddof=1) / np.sqrt(len(h))
