# The textbook formula without scaling: squares of entries near 1e200 overflow to inf.
import numpy as np


def vector_norm(x, p):
    if isinstance(p, str):
        if p != "inf":
            raise ValueError("bad p")
        a = np.abs(np.asarray(x, dtype=float))
        return float(a.max()) if a.size else 0.0
    if p < 1:
        raise ValueError("p must be >= 1")
    a = np.abs(np.asarray(x, dtype=float))
    with np.errstate(over="ignore"):
        return float(np.sum(a**p) ** (1.0 / p))
