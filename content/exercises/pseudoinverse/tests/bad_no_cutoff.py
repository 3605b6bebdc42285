# Inverts every nonzero singular value, rounding noise included.
import numpy as np


def pinv_and_rank(A):
    A = np.asarray(A, dtype=float)
    if A.ndim != 2:
        raise ValueError("A must be 2-D")
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    keep = s > 0
    inv = np.zeros_like(s)
    inv[keep] = 1.0 / s[keep]
    return (Vt.T * inv) @ U.T, int(keep.sum())
