# Right formulas, but a single sample gives nan (0 / 0) instead of ValueError.
import numpy as np


def mc_estimate(samples, z=1.96):
    y = np.asarray(samples, dtype=float)
    mean = y.mean()
    se = y.std(ddof=1) / np.sqrt(y.size)
    return mean, se, mean - z * se, mean + z * se
