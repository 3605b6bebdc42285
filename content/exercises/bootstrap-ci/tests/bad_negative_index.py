# Right interval, but trusts idx: NumPy wraps -1 to the last value instead of failing.
import numpy as np


def bootstrap_ci(x, idx, alpha=0.05, statistic="mean"):
    x = np.asarray(x, dtype=float)
    idx = np.asarray(idx)
    if x.ndim != 1 or x.size == 0 or idx.ndim != 2 or idx.shape[1] != x.size:
        raise ValueError("bad shapes")
    if not 0 < alpha < 1:
        raise ValueError("bad alpha")
    if statistic not in ("mean", "median"):
        raise ValueError("unknown statistic")
    stats = x[idx].mean(axis=1) if statistic == "mean" else np.median(x[idx], axis=1)
    lower, upper = np.quantile(stats, [alpha / 2, 1 - alpha / 2])
    return lower, upper
