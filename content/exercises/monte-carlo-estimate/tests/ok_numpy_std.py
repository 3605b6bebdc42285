# NumPy's own mean and std with ddof=1, the way most people write it.
import numpy as np


def mc_estimate(samples, z=1.96):
    y = np.asarray(samples, dtype=float)
    if y.ndim != 1 or y.size < 2 or z <= 0:
        raise ValueError("need a 1-D array of at least 2 samples and z > 0")
    mean = y.mean()
    se = y.std(ddof=1) / np.sqrt(y.size)
    return mean, se, mean - z * se, mean + z * se
