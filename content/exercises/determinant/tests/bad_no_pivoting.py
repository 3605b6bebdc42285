# Plain elimination without row swaps: divides by a zero pivot.
import numpy as np


def determinant(A):
    U = np.array(A, dtype=float)
    if U.ndim != 2 or U.shape[0] != U.shape[1]:
        raise ValueError("not square")
    for k in range(U.shape[0]):
        U[k + 1 :, k:] -= (U[k + 1 :, k] / U[k, k])[:, None] * U[k, k:]
    return float(np.prod(np.diag(U)))
