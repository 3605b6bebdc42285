# Checks n >= 0 but not that it is an integer: n = 2.5 is silently used as is.
import math

import numpy as np

_lgamma = np.vectorize(math.lgamma, otypes=[float])


def binomial_pmf(k, n, p):
    if n < 0 or not 0 <= p <= 1:
        raise ValueError("bad arguments")
    k = np.asarray(k)
    inside = (k >= 0) & (k <= n)
    kk = np.where(inside, k, 0).astype(float)
    lc = math.lgamma(n + 1) - _lgamma(kk + 1) - _lgamma(n - kk + 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(kk > 0, kk * np.log(p), 0.0)
        b = np.where(n - kk > 0, (n - kk) * np.log1p(-p), 0.0)
    return np.where(inside, np.exp(lc + a + b), 0.0)
