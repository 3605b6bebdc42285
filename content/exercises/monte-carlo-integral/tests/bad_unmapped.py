# Evaluates f at the unit-cube draws themselves, then scales by the volume.
import numpy as np


def mc_integral(lower, upper, u):
    u = np.asarray(u, dtype=float)
    if u.ndim != 2 or np.shape(lower) != (u.shape[1],) or np.shape(upper) != (u.shape[1],):
        raise ValueError("shapes")
    if np.any(np.asarray(upper) <= np.asarray(lower)) or len(u) < 2:
        raise ValueError("bad box")
    volume = np.prod(np.asarray(upper) - np.asarray(lower))
    values = volume * np.exp(-0.5 * (u**2).sum(axis=1))
    return values.mean(), values.std(ddof=1) / np.sqrt(len(u))
