# Pivots correctly but forgets that each row swap flips the sign of the determinant.
import numpy as np


def determinant(A):
    U = np.array(A, dtype=float)
    if U.ndim != 2 or U.shape[0] != U.shape[1]:
        raise ValueError("not square")
    for k in range(U.shape[0]):
        p = k + int(np.argmax(np.abs(U[k:, k])))
        if U[p, k] == 0.0:
            return 0.0
        U[[k, p]] = U[[p, k]]
        U[k + 1 :, k:] -= (U[k + 1 :, k] / U[k, k])[:, None] * U[k, k:]
    return float(np.prod(np.diag(U)))
