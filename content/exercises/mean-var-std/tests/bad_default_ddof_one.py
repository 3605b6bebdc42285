# Right formula, wrong default: ddof=1 when the caller passes nothing.
import numpy as np


def mean_var_std(x, ddof=1):
    x = np.asarray(x, dtype=float)
    n = x.size
    if ddof < 0 or n <= ddof:
        raise ValueError("need more values")
    mean = np.sum(x) / n
    var = float(np.sum((x - mean) ** 2) / (n - ddof))
    return float(mean), var, float(np.sqrt(var))
