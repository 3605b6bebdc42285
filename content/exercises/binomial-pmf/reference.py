from __future__ import annotations

import math

import numpy as np

_lgamma = np.vectorize(math.lgamma, otypes=[float])


def binomial_pmf(k: np.ndarray, n: int, p: float) -> np.ndarray:
    if int(n) != n or n < 0:
        raise ValueError(f"n must be a non-negative integer, got {n}")
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p}")
    n = int(n)
    k = np.asarray(k)
    inside = (k >= 0) & (k <= n)
    kk = np.where(inside, k, 0).astype(float)  # keep lgamma away from invalid k
    # lgamma is accurate to ~1 ulp; a running sum of logs would drift by ~1e-9 at n = 5000.
    log_choose = math.lgamma(n + 1) - _lgamma(kk + 1) - _lgamma(n - kk + 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        # 0 * log(0) must be 0: only add a term when its count is positive.
        log_p = np.where(kk > 0, kk * np.log(p), 0.0)
        log_q = np.where(n - kk > 0, (n - kk) * np.log1p(-p), 0.0)
    return np.where(inside, np.exp(log_choose + log_p + log_q), 0.0)
