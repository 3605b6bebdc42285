# A loop over the pairs: p_i = 0 terms are skipped, q_i = 0 with p_i > 0 gives inf.
import math

import numpy as np


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    if p.shape != q.shape:
        raise ValueError("shapes differ")
    for x in (p, q):
        if x.ndim != 1 or x.size == 0 or (x < 0).any() or abs(math.fsum(x) - 1) > 1e-9:
            raise ValueError("not a probability vector")
    total = 0.0
    for a, b in zip(p, q, strict=True):
        if a == 0:
            continue
        if b == 0:
            return math.inf
        total += a * math.log(a / b)
    return total
