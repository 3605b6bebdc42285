# log(1 - u) instead of log1p(-u): less accurate for tiny u, well within the tolerance.
import numpy as np


def sample_exponential(u, rate):
    u = np.asarray(u, dtype=float)
    if rate <= 0:
        raise ValueError("rate must be positive")
    if u.min(initial=0.0) < 0 or u.max(initial=0.0) >= 1:
        raise ValueError("draws must be in [0, 1)")
    return -np.log(1 - u) / rate
