# Accepts any number p, so p = 0.5 returns a value instead of ValueError.
import numpy as np


def vector_norm(x, p):
    a = np.abs(np.asarray(x, dtype=float))
    if isinstance(p, str):
        if p != "inf":
            raise ValueError("bad p")
        return float(a.max()) if a.size else 0.0
    m = a.max() if a.size else 0.0
    if m == 0:
        return 0.0
    return float(m * np.sum((a / m) ** p) ** (1.0 / p))
