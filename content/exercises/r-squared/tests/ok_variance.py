# As 1 - MSE / Var(y), with NumPy's mean and var (both divide by n, so the n cancels).
import numpy as np


def r_squared(y_true, y_pred):
    y, f = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)
    if y.shape != f.shape or y.size < 2:
        raise ValueError("bad input")
    var = np.var(y)
    if var == 0:
        raise ValueError("constant y_true")
    return float(1.0 - np.mean((y - f) ** 2) / var)
