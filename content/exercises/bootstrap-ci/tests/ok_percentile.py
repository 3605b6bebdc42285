# np.percentile in percents, statistics with NumPy's mean and median along axis 1.
import numpy as np


def bootstrap_ci(x, idx, alpha=0.05, statistic="mean"):
    x = np.asarray(x, dtype=float)
    idx = np.asarray(idx)
    if x.ndim != 1 or x.size == 0 or idx.ndim != 2 or idx.shape[1] != x.size or idx.size == 0:
        raise ValueError("bad shapes")
    if ((idx < 0) | (idx >= x.size)).any() or not 0 < alpha < 1:
        raise ValueError("bad index or alpha")
    functions = {"mean": np.mean, "median": np.median}
    if statistic not in functions:
        raise ValueError("unknown statistic")
    stats = functions[statistic](x[idx], axis=1)
    lower, upper = np.percentile(stats, [50 * alpha, 100 - 50 * alpha])
    return lower, upper
