# Correct arithmetic, but an upper bound below its lower bound gives a negative "volume"
# instead of ValueError.
import numpy as np


def mc_integral(lower, upper, u):
    u = np.asarray(u, dtype=float)
    if u.ndim != 2 or np.shape(lower) != (u.shape[1],) or np.shape(upper) != (u.shape[1],):
        raise ValueError("shapes")
    if len(u) < 2:
        raise ValueError("too few points")
    volume = np.prod(np.asarray(upper) - np.asarray(lower))
    values = volume * np.exp(-0.5 * ((lower + (upper - lower) * u) ** 2).sum(axis=1))
    return values.mean(), values.std(ddof=1) / np.sqrt(len(u))
