# The interval of a single draw, not of the mean: forgets the 1 / sqrt(n).
import numpy as np


def mc_estimate(samples, z=1.96):
    y = np.asarray(samples, dtype=float)
    if y.ndim != 1 or y.size < 2 or z <= 0:
        raise ValueError("bad input")
    mean = y.mean()
    s = y.std(ddof=1)
    return mean, s, mean - z * s, mean + z * s
