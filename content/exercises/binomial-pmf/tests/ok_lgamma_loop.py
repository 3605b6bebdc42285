# One k at a time with math.lgamma, 0 log 0 handled by skipping zero counts.
import math

import numpy as np


def binomial_pmf(k, n, p):
    if n != int(n) or n < 0:
        raise ValueError("n must be a non-negative integer")
    if p < 0 or p > 1:
        raise ValueError("p must be in [0, 1]")
    n = int(n)
    out = []
    for kk in np.asarray(k).ravel():
        kk = int(kk)
        if kk < 0 or kk > n:
            out.append(0.0)
            continue
        log_pmf = math.lgamma(n + 1) - math.lgamma(kk + 1) - math.lgamma(n - kk + 1)
        if kk > 0:
            if p == 0:
                out.append(0.0)
                continue
            log_pmf += kk * math.log(p)
        if n - kk > 0:
            if p == 1:
                out.append(0.0)
                continue
            log_pmf += (n - kk) * math.log1p(-p)
        out.append(math.exp(log_pmf))
    return np.array(out).reshape(np.shape(k))
