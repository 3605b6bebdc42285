# Right test, but the mode formula (a - 1) / (a + b - 2) divides by zero for a = b = 1
# (ZeroDivisionError) instead of accepting every proposal of the flat density.
import numpy as np


def rejection_beta(x, u, a, b):
    x = np.asarray(x, dtype=float)
    u = np.asarray(u, dtype=float)
    if a < 1 or b < 1 or x.ndim != 1 or x.shape != u.shape:
        raise ValueError("bad parameters or shapes")
    if np.any((x < 0) | (x >= 1) | (u < 0) | (u >= 1)):
        raise ValueError("values must be in [0, 1)")
    m = (float(a) - 1) / (float(a) + float(b) - 2)
    peak = m ** (a - 1) * (1 - m) ** (b - 1)
    return x[u < x ** (a - 1) * (1 - x) ** (b - 1) / peak]
