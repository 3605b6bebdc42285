# Cholesky-Banachiewicz: row by row, every entry of row i from rows already finished.
import math

import numpy as np


def cholesky(A):
    A = np.asarray(A, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1] or not np.allclose(A, A.T):
        raise ValueError("need a symmetric square matrix")
    n = len(A)
    L = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1):
            s = sum(L[i][k] * L[j][k] for k in range(j))
            if i == j:
                d = A[i, i] - s
                if d <= 0:
                    raise ValueError("not positive definite")
                L[i][i] = math.sqrt(d)
            else:
                L[i][j] = (A[i, j] - s) / L[j][j]
    return np.array(L)
