# Welford's update in its textbook form, with the sum of squared deviations updated by
# delta^2 * (k - 1) / k, in NumPy scalars.
import numpy as np


def mean_var_std(x, ddof=0):
    x = np.asarray(x, dtype=float)
    n = x.size
    if ddof < 0 or n <= ddof:
        raise ValueError("need ddof >= 0 and more than ddof values")
    mean = np.float64(0.0)
    m2 = np.float64(0.0)
    for k in range(1, n + 1):
        delta = x[k - 1] - mean
        m2 += delta * delta * (k - 1) / k
        mean += delta / k
    var = m2 / (n - ddof)
    return float(mean), float(var), float(np.sqrt(var))
