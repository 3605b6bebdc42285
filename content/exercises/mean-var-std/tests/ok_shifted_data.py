# Shift by the first value before a one-pass sum: the shifted data are small, so the
# one-pass formula no longer cancels (the "shifted data" algorithm).
import numpy as np


def mean_var_std(x, ddof=0):
    x = np.asarray(x, dtype=float)
    n = len(x)
    if ddof < 0:
        raise ValueError("ddof must be >= 0")
    if n <= ddof:
        raise ValueError("not enough values")
    k = x[0]
    d = x - k
    s1 = np.sum(d)
    s2 = np.sum(d * d)
    mean = k + s1 / n
    var = (s2 - s1 * s1 / n) / (n - ddof)
    return float(mean), float(var), float(np.sqrt(var))
