# Divides the variance across replications by R - 1 (and so breaks mse = bias^2 + variance).
import numpy as np


def bias_variance(samples, true_var, ddof):
    x = np.asarray(samples, dtype=float)
    if x.ndim != 2 or len(x) == 0 or ddof < 0 or x.shape[1] <= ddof:
        raise ValueError("bad samples or ddof")
    estimates = x.var(axis=1, ddof=ddof)
    variance = estimates.var(ddof=1) if len(estimates) > 1 else 0.0
    return estimates.mean() - true_var, variance, ((estimates - true_var) ** 2).mean()
