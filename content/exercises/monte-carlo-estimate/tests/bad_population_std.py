# np.std's default divides by n: the interval is too narrow by sqrt((n - 1) / n).
import numpy as np


def mc_estimate(samples, z=1.96):
    y = np.asarray(samples, dtype=float)
    if y.ndim != 1 or y.size < 2 or z <= 0:
        raise ValueError("bad input")
    mean = y.mean()
    se = y.std() / np.sqrt(y.size)
    return mean, se, mean - z * se, mean + z * se
