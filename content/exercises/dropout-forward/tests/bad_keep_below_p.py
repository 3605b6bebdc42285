# Classic mistake: p read as the keep probability (kept where u < p).
import numpy as np


def dropout(x, p, u, training=True):
    x, u = np.asarray(x, dtype=float), np.asarray(u, dtype=float)
    if not 0 <= p < 1 or u.shape != x.shape:
        raise ValueError("bad input")
    return np.where(u < p, x / (1 - p), 0.0) if training else x
