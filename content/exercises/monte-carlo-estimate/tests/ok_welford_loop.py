# One pass with Welford's running mean and sum of squared deviations (a loop, and a different
# rounding from the two-pass reference).
import math


def mc_estimate(samples, z=1.96):
    if getattr(samples, "ndim", 1) != 1:
        raise ValueError("samples must be 1-D")
    if len(samples) < 2:
        raise ValueError("need at least 2 samples")
    if z <= 0:
        raise ValueError("z must be positive")
    mean = 0.0
    m2 = 0.0
    for k, value in enumerate(samples, start=1):
        value = float(value)
        delta = value - mean
        mean += delta / k
        m2 += delta * (value - mean)
    n = len(samples)
    se = math.sqrt(m2 / (n - 1) / n)
    return mean, se, mean - z * se, mean + z * se
