# Orthonormal basis first (numpy's QR), then p = Q (Q^T y); dependence from R's diagonal.
import numpy as np


def project_onto_columns(A, y):
    A, y = np.asarray(A, dtype=float), np.asarray(y, dtype=float)
    if A.ndim != 2 or y.shape != (A.shape[0],):
        raise ValueError("bad shapes")
    if np.linalg.matrix_rank(A) < A.shape[1]:
        raise ValueError("dependent columns")
    Q, _ = np.linalg.qr(A)
    return Q @ (Q.T @ y)
