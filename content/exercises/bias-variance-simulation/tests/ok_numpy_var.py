# np.var along rows, np.mean over replications, and the MSE from the decomposition.
import numpy as np


def bias_variance(samples, true_var, ddof):
    x = np.asarray(samples, dtype=float)
    if x.ndim != 2 or len(x) == 0 or ddof < 0 or x.shape[1] <= ddof:
        raise ValueError("bad samples or ddof")
    estimates = np.var(x, axis=1, ddof=ddof)
    bias = np.mean(estimates) - true_var
    variance = np.var(estimates)
    return bias, variance, bias**2 + variance
