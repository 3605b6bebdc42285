from __future__ import annotations

import numpy as np


def importance_tail(z: np.ndarray, c: float) -> tuple[float, float]:
    z = np.asarray(z, dtype=float)
    if z.ndim != 1 or z.size < 2:
        raise ValueError("z must be a 1-D array of at least 2 draws")
    n = z.size
    x = c + z
    weights = np.exp(0.5 * c * c - c * x)
    h = np.where(x > c, weights, 0.0)
    mean = h.sum() / n
    s = np.sqrt(((h - mean) ** 2).sum() / (n - 1))
    return float(mean), float(s / np.sqrt(n))
