from __future__ import annotations

import numpy as np


def bernoulli_mle(x: np.ndarray) -> tuple[float, float]:
    x = np.asarray(x, dtype=float)
    if x.ndim != 1 or x.size == 0:
        raise ValueError("need a non-empty 1-D array")
    if not np.all((x == 0) | (x == 1)):
        raise ValueError("observations must be 0 or 1")
    n = x.size
    s = float(x.sum())
    p = s / n
    # Terms with a zero count vanish (0 log 0 = 0); computing them would give 0 * -inf = nan.
    ll = (s * np.log(p) if s > 0 else 0.0) + ((n - s) * np.log1p(-p) if s < n else 0.0)
    return p, float(ll)
