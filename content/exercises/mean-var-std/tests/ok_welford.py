# Welford's one-pass update: numerically stable, but it rounds differently from the two-pass
# reference (the running mean of values near 1e9 carries an error of ~1e-7 into every step).
import math


def mean_var_std(x, ddof=0):
    n = len(x)
    if ddof < 0 or n <= ddof:
        raise ValueError(f"need more than ddof={ddof} values, got {n}")
    mean = 0.0
    m2 = 0.0
    for k, value in enumerate(x, start=1):
        value = float(value)
        delta = value - mean
        mean += delta / k
        m2 += delta * (value - mean)
    var = m2 / (n - ddof)
    return mean, var, math.sqrt(var)
