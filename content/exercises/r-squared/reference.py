from __future__ import annotations

import numpy as np


def r_squared(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    y = np.asarray(y_true, dtype=float)
    f = np.asarray(y_pred, dtype=float)
    if y.ndim != 1 or y.shape != f.shape:
        raise ValueError("y_true and y_pred must be 1-D arrays of the same length")
    if y.size < 2:
        raise ValueError("need at least two values")
    deviations = y - y.sum() / y.size
    ss_tot = float((deviations * deviations).sum())
    if ss_tot == 0.0:
        raise ValueError("y_true is constant: R^2 is undefined")
    residuals = y - f
    return 1.0 - float((residuals * residuals).sum()) / ss_tot
