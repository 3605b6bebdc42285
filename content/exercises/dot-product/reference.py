import numpy as np


def dot_product(a: np.ndarray, b: np.ndarray) -> float:
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"lengths differ: {a.shape[0]} and {b.shape[0]}")
    return float(np.sum(a * b))
