# np.var's default divisor n whatever ddof says.
import numpy as np


def bias_variance(samples, true_var, ddof):
    x = np.asarray(samples, dtype=float)
    if x.ndim != 2 or len(x) == 0 or ddof < 0 or x.shape[1] <= ddof:
        raise ValueError("bad samples or ddof")
    estimates = x.var(axis=1)
    return estimates.mean() - true_var, estimates.var(), ((estimates - true_var) ** 2).mean()
