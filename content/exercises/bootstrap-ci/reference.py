from __future__ import annotations

import numpy as np


def bootstrap_ci(
    x: np.ndarray, idx: np.ndarray, alpha: float = 0.05, statistic: str = "mean"
) -> tuple[float, float]:
    x = np.asarray(x, dtype=float)
    idx = np.asarray(idx)
    if x.ndim != 1 or x.size == 0:
        raise ValueError("x must be a non-empty 1-D array")
    n = x.size
    if idx.ndim != 2 or idx.shape[1] != n or idx.shape[0] == 0:
        raise ValueError(f"idx must have shape (B, {n})")
    if idx.dtype.kind not in "iu" or np.any((idx < 0) | (idx >= n)):
        raise ValueError(f"indices must be integers in 0..{n - 1}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie in (0, 1), got {alpha}")
    if statistic == "mean":
        stats = x[idx].sum(axis=1) / n
    elif statistic == "median":
        stats = np.median(x[idx], axis=1)
    else:
        raise ValueError(f"unknown statistic {statistic!r}")
    lower, upper = np.quantile(stats, [alpha / 2, 1 - alpha / 2])
    return float(lower), float(upper)
