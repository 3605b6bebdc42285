from __future__ import annotations

import numpy as np


def rejection_beta(x: np.ndarray, u: np.ndarray, a: float, b: float) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    u = np.asarray(u, dtype=float)
    if a < 1 or b < 1:
        raise ValueError("need a >= 1 and b >= 1 (otherwise the density is unbounded)")
    if x.ndim != 1 or x.shape != u.shape:
        raise ValueError("x and u must be 1-D arrays of the same length")
    if not (np.all((x >= 0) & (x < 1)) and np.all((u >= 0) & (u < 1))):
        raise ValueError("proposals and draws must lie in [0, 1)")
    if a == 1 and b == 1:
        return x.copy()
    mode = (a - 1) / (a + b - 2)
    peak = mode ** (a - 1) * (1 - mode) ** (b - 1)
    ratio = x ** (a - 1) * (1 - x) ** (b - 1) / peak
    return x[u < ratio]
