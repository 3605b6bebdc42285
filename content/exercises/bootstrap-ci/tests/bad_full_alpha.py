# Quantiles at alpha and 1 - alpha: a 1 - 2 alpha interval, too narrow.
import numpy as np


def bootstrap_ci(x, idx, alpha=0.05, statistic="mean"):
    x = np.asarray(x, dtype=float)
    idx = np.asarray(idx)
    if x.ndim != 1 or x.size == 0 or idx.ndim != 2 or idx.shape[1] != x.size:
        raise ValueError("bad shapes")
    if ((idx < 0) | (idx >= x.size)).any() or not 0 < alpha < 1:
        raise ValueError("bad index or alpha")
    if statistic not in ("mean", "median"):
        raise ValueError("unknown statistic")
    stats = x[idx].mean(axis=1) if statistic == "mean" else np.median(x[idx], axis=1)
    lower, upper = np.quantile(stats, [alpha, 1 - alpha])
    return lower, upper
