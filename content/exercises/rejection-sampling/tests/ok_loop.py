# A loop with math.pow, appending accepted proposals to a list.
import math

import numpy as np


def rejection_beta(x, u, a, b):
    if a < 1 or b < 1:
        raise ValueError("a and b must be at least 1")
    if np.ndim(x) != 1 or np.shape(x) != np.shape(u):
        raise ValueError("x and u must be 1-D of the same length")
    if a + b == 2:
        peak = 1.0
    else:
        m = (a - 1) / (a + b - 2)
        peak = math.pow(m, a - 1) * math.pow(1 - m, b - 1)
    kept = []
    for xi, ui in zip(x, u, strict=True):
        xi, ui = float(xi), float(ui)
        if not (0 <= xi < 1 and 0 <= ui < 1):
            raise ValueError("values must be in [0, 1)")
        if ui < math.pow(xi, a - 1) * math.pow(1 - xi, b - 1) / peak:
            kept.append(xi)
    return np.array(kept, dtype=float)
