# Treats the rate as the mean (scale): multiplies instead of dividing.
import numpy as np


def sample_exponential(u, rate):
    u = np.asarray(u, dtype=float)
    if rate <= 0 or np.any((u < 0) | (u >= 1)):
        raise ValueError("bad input")
    return -np.log1p(-u) * rate
