from __future__ import annotations

import numpy as np


def entropy(p: np.ndarray) -> float:
    p = np.asarray(p, dtype=float)
    if p.ndim != 1 or p.size == 0:
        raise ValueError("p must be a non-empty 1-D array")
    if np.any(p < 0) or abs(p.sum() - 1.0) > 1e-9:
        raise ValueError("p must be non-negative and sum to 1")
    nonzero = p[p > 0]  # 0 log 0 = 0: zero-probability outcomes drop out
    return float(-(nonzero * np.log2(nonzero)).sum())
