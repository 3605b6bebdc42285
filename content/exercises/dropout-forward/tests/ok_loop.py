# Correct: entry by entry over the flattened arrays.
import numpy as np


def dropout(x, p, u, training=True):
    x = np.asarray(x, dtype=float)
    u = np.asarray(u, dtype=float)
    if not (0 <= p < 1) or u.shape != x.shape:
        raise ValueError("bad p or u")
    if not training:
        return x.copy()
    out = np.zeros(x.size)
    for i, (xi, ui) in enumerate(zip(x.ravel(), u.ravel(), strict=True)):
        if ui >= p:
            out[i] = xi / (1 - p)
    return out.reshape(x.shape)
