from __future__ import annotations

import numpy as np


def mc_estimate(samples: np.ndarray, z: float = 1.96) -> tuple[float, float, float, float]:
    y = np.asarray(samples, dtype=float)
    if y.ndim != 1:
        raise ValueError("samples must be a 1-D array")
    n = y.size
    if n < 2:
        raise ValueError(f"need at least 2 samples, got {n}")
    if z <= 0:
        raise ValueError(f"z must be positive, got {z}")
    mean = y.sum() / n
    deviations = y - mean
    std_error = np.sqrt((deviations * deviations).sum() / (n - 1) / n)
    return float(mean), float(std_error), float(mean - z * std_error), float(mean + z * std_error)
