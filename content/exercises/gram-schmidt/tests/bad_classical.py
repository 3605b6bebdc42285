# Classical Gram-Schmidt: every coefficient from the original column. Correct on the random
# cases, but q_2 and q_3 of the nearly parallel (Lauchli) columns come out far from orthogonal.
import numpy as np


def gram_schmidt(A):
    A = np.asarray(A, dtype=float)
    if A.ndim != 2 or A.shape[1] > A.shape[0]:
        raise ValueError("bad shape")
    Q = np.zeros(A.shape)
    for j in range(A.shape[1]):
        a = A[:, j]
        v = a.copy()
        for i in range(j):
            v -= (Q[:, i] @ a) * Q[:, i]
        r = np.linalg.norm(v)
        if r <= 1e-10 * np.linalg.norm(a):
            raise ValueError("dependent column")
        Q[:, j] = v / r
    return Q
