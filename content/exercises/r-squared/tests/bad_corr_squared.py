# R^2 as the squared Pearson correlation: right only for a least-squares fit on its own data.
import numpy as np


def r_squared(y_true, y_pred):
    y, f = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)
    if y.shape != f.shape or y.size < 2 or np.ptp(y) == 0:
        raise ValueError("bad input")
    yc, fc = y - y.mean(), f - f.mean()
    denominator = np.sqrt(np.sum(yc**2) * np.sum(fc**2))
    r = np.sum(yc * fc) / denominator if denominator > 0 else 0.0
    return float(r**2)
