# U Sigma+ V^T instead of V Sigma+ U^T: the transpose of the pseudoinverse.
import numpy as np


def pinv_and_rank(A):
    A = np.asarray(A, dtype=float)
    if A.ndim != 2:
        raise ValueError("A must be 2-D")
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    tol = max(A.shape) * np.finfo(float).eps * (s[0] if s.size else 0.0)
    keep = s > tol
    inv = np.zeros_like(s)
    inv[keep] = 1.0 / s[keep]
    return (U * inv) @ Vt, int(keep.sum())
