# Givens rotations instead of reflections: zero the entries below the diagonal one at a time.
# A different algorithm, the same unique factors once the diagonal is made positive.
import numpy as np


def householder_qr(A):
    A = np.asarray(A, dtype=float)
    if A.ndim != 2 or A.shape[0] < A.shape[1]:
        raise ValueError("need an (m, n) matrix with m >= n")
    m, n = A.shape
    R = A.copy()
    Q = np.eye(m)
    for k in range(n):
        for i in range(m - 1, k, -1):
            a, b = R[i - 1, k], R[i, k]
            r = np.hypot(a, b)
            if r == 0:
                continue
            c, s = a / r, b / r
            G = np.array([[c, s], [-s, c]])
            R[[i - 1, i], :] = G @ R[[i - 1, i], :]
            Q[:, [i - 1, i]] = Q[:, [i - 1, i]] @ G.T
    Q, R = Q[:, :n], np.triu(R[:n])
    d = np.where(np.diag(R) < 0, -1.0, 1.0)
    return Q * d, R * d[:, None]
