from __future__ import annotations

import numpy as np


def mean_var_std(x: np.ndarray, ddof: int = 0) -> tuple[float, float, float]:
    x = np.asarray(x, dtype=float)
    n = x.size
    if ddof < 0:
        raise ValueError(f"ddof must be >= 0, got {ddof}")
    if n <= ddof:
        raise ValueError(f"need more than ddof={ddof} values, got {n}")
    mean = x.sum() / n
    deviations = x - mean
    var = float((deviations * deviations).sum() / (n - ddof))
    return float(mean), var, float(np.sqrt(var))
