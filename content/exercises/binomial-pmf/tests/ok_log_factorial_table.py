# A table of log m! built with math.fsum of logs (exactly rounded sums), indexed by k.
import math

import numpy as np


def binomial_pmf(k, n, p):
    if int(n) != n or n < 0:
        raise ValueError("bad n")
    if not 0 <= p <= 1:
        raise ValueError("bad p")
    n = int(n)
    logs = [math.log(i) for i in range(1, n + 1)]
    log_fact = np.array([math.fsum(logs[:m]) for m in range(n + 1)])
    k = np.asarray(k)
    inside = (k >= 0) & (k <= n)
    kk = np.where(inside, k, 0).astype(int)
    lc = log_fact[n] - log_fact[kk] - log_fact[n - kk]
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(kk > 0, kk * np.log(p), 0.0)
        b = np.where(n - kk > 0, (n - kk) * np.log1p(-p), 0.0)
    return np.where(inside, np.exp(lc + a + b), 0.0)
