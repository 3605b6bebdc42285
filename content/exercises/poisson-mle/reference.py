from __future__ import annotations

import math

import numpy as np


def poisson_mle(counts: np.ndarray) -> tuple[float, float]:
    k = np.asarray(counts)
    if k.ndim != 1 or k.size == 0:
        raise ValueError("need a non-empty 1-D array of counts")
    if np.any(k < 0):
        raise ValueError("counts must be non-negative")
    n = k.size
    total = float(k.sum())
    lam = total / n
    log_fact = math.fsum(math.lgamma(float(v) + 1.0) for v in k.tolist())
    # sum_i k_i log(lam) is 0 * log 0 = 0 when every count is 0.
    ll = (total * math.log(lam) if total > 0 else 0.0) - n * lam - log_fact
    return lam, ll
