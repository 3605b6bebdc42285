from __future__ import annotations

import numpy as np


def bias_variance(samples: np.ndarray, true_var: float, ddof: int) -> tuple[float, float, float]:
    x = np.asarray(samples, dtype=float)
    if x.ndim != 2 or x.shape[0] == 0:
        raise ValueError("samples must have shape (R, n) with R >= 1")
    if ddof < 0:
        raise ValueError(f"ddof must be >= 0, got {ddof}")
    n_rep, n = x.shape
    if n <= ddof:
        raise ValueError(f"need more than ddof={ddof} values per data set, got {n}")
    centred = x - x.sum(axis=1, keepdims=True) / n
    estimates = (centred * centred).sum(axis=1) / (n - ddof)
    average = estimates.sum() / n_rep
    variance = ((estimates - average) ** 2).sum() / n_rep
    mse = ((estimates - true_var) ** 2).sum() / n_rep
    return float(average - true_var), float(variance), float(mse)
