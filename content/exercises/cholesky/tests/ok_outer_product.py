# Right-looking (outer-product) Cholesky: take a column, then subtract its outer product from
# the trailing block, the way blocked library code is organised.
import numpy as np


def cholesky(A):
    S = np.array(A, dtype=float)
    if S.ndim != 2 or S.shape[0] != S.shape[1] or not np.allclose(S, S.T):
        raise ValueError("need a symmetric square matrix")
    n = len(S)
    L = np.zeros((n, n))
    for j in range(n):
        if S[j, j] <= 0:
            raise ValueError("not positive definite")
        L[j:, j] = S[j:, j] / np.sqrt(S[j, j])
        S[j:, j:] -= np.outer(L[j:, j], L[j:, j])
    return L
