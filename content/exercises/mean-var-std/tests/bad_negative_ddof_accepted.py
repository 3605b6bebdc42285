# Checks n <= ddof but lets a negative ddof through (the divisor becomes n + 1).
import numpy as np


def mean_var_std(x, ddof=0):
    x = np.asarray(x, dtype=float)
    n = x.size
    if n <= ddof:
        raise ValueError("need more values")
    mean = np.sum(x) / n
    var = float(np.sum((x - mean) ** 2) / (n - ddof))
    return float(mean), var, float(np.sqrt(var))
