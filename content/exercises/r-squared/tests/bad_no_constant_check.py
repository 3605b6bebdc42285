# Right formula, but a constant y_true divides by zero instead of raising.
import numpy as np


def r_squared(y_true, y_pred):
    y, f = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)
    if y.shape != f.shape or y.size < 2:
        raise ValueError("bad input")
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(1 - np.sum((y - f) ** 2) / np.sum((y - y.mean()) ** 2))
