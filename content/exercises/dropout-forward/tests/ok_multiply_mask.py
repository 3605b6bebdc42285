# Correct: a float mask scaled once, then multiplied.
import numpy as np


def dropout(x, p, u, training=True):
    if p < 0 or p >= 1:
        raise ValueError("p")
    x = np.asarray(x, dtype=float)
    if np.shape(u) != x.shape:
        raise ValueError("shape")
    if not training:
        return x
    scale = (np.asarray(u) >= p).astype(float) * (1.0 / (1.0 - p))
    return x * scale
