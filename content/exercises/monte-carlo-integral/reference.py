from __future__ import annotations

import numpy as np


def mc_integral(lower: np.ndarray, upper: np.ndarray, u: np.ndarray) -> tuple[float, float]:
    u = np.asarray(u, dtype=float)
    a = np.asarray(lower, dtype=float)
    b = np.asarray(upper, dtype=float)
    if u.ndim != 2:
        raise ValueError("u must have shape (n, d)")
    n, d = u.shape
    if a.shape != (d,) or b.shape != (d,):
        raise ValueError(f"lower and upper must have shape ({d},)")
    if np.any(b <= a):
        raise ValueError("every upper bound must exceed its lower bound")
    if n < 2:
        raise ValueError(f"need at least 2 points, got {n}")
    x = a + (b - a) * u
    values = np.exp(-0.5 * (x * x).sum(axis=1))
    volume = np.prod(b - a)
    mean = values.sum() / n
    s = np.sqrt(((values - mean) ** 2).sum() / (n - 1))
    return float(volume * mean), float(volume * s / np.sqrt(n))
