# Modified Gram-Schmidt without the dependence check: a dependent column leaves rounding noise
# of norm ~1e-16, which is "normalised" into a meaningless direction instead of raising.
import numpy as np


def gram_schmidt(A):
    A = np.asarray(A, dtype=float)
    if A.ndim != 2 or A.shape[1] > A.shape[0]:
        raise ValueError("bad shape")
    Q = np.zeros(A.shape)
    for j in range(A.shape[1]):
        v = A[:, j].copy()
        for i in range(j):
            v -= (Q[:, i] @ v) * Q[:, i]
        Q[:, j] = v / np.linalg.norm(v)
    return Q
