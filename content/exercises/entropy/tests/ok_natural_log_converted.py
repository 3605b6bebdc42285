# Natural log with np.where for the zero terms, converted to bits by dividing by ln 2.
import numpy as np


def entropy(p):
    p = np.asarray(p, dtype=float)
    if p.ndim != 1 or p.size == 0 or (p < 0).any() or abs(p.sum() - 1) > 1e-9:
        raise ValueError("invalid distribution")
    safe = np.where(p > 0, p, 1.0)
    return float(-np.sum(p * np.log(safe)) / np.log(2.0))
