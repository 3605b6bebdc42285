# Statistics in a loop, then the quantiles by sorting and interpolating by hand.
import math

import numpy as np


def _quantile(sorted_values, q):
    h = (len(sorted_values) - 1) * q
    lo = math.floor(h)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (h - lo) * (sorted_values[hi] - sorted_values[lo])


def bootstrap_ci(x, idx, alpha=0.05, statistic="mean"):
    x = np.asarray(x, dtype=float)
    idx = np.asarray(idx)
    if x.ndim != 1 or len(x) == 0:
        raise ValueError("x must be a non-empty 1-D array")
    n = len(x)
    if idx.ndim != 2 or idx.shape[1] != n or len(idx) == 0:
        raise ValueError("idx must be (B, n)")
    if idx.min() < 0 or idx.max() >= n:
        raise ValueError("index out of range")
    if not 0 < alpha < 1:
        raise ValueError("alpha must be in (0, 1)")
    if statistic not in ("mean", "median"):
        raise ValueError("unknown statistic")
    stats = []
    for row in idx:
        resample = sorted(float(x[i]) for i in row)
        if statistic == "mean":
            stats.append(math.fsum(resample) / n)
        elif n % 2:
            stats.append(resample[n // 2])
        else:
            stats.append((resample[n // 2 - 1] + resample[n // 2]) / 2)
    stats.sort()
    return _quantile(stats, alpha / 2), _quantile(stats, 1 - alpha / 2)
