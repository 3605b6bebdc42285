# math.comb and plain powers: exact for small n, but float(math.comb(n, k)) overflows for
# large n, and 0 ** 0 style edge cases need care.
import math

import numpy as np


def binomial_pmf(k, n, p):
    if int(n) != n or n < 0 or not 0 <= p <= 1:
        raise ValueError("bad arguments")
    n = int(n)
    out = []
    for kk in np.asarray(k).ravel():
        kk = int(kk)
        if 0 <= kk <= n:
            out.append(float(math.comb(n, kk)) * p**kk * (1 - p) ** (n - kk))
        else:
            out.append(0.0)
    return np.array(out).reshape(np.shape(k))
