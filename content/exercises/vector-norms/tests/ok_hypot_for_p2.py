# math.hypot for p = 2 (it scales internally), the scaled power sum for other p.
import math

import numpy as np


def vector_norm(x, p):
    if p == "inf":
        a = np.abs(np.asarray(x, dtype=float))
        return float(a.max()) if a.size else 0.0
    if isinstance(p, str) or p < 1:
        raise ValueError("unsupported p")
    a = np.abs(np.asarray(x, dtype=float))
    if p == 2:
        return math.hypot(*a) if a.size else 0.0
    m = a.max() if a.size else 0.0
    if m == 0:
        return 0.0
    return float(m * np.sum((a / m) ** p) ** (1 / p))
