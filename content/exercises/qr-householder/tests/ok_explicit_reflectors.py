# Builds every reflector as a full m x m matrix and multiplies: O(m^3) per column and wasteful,
# but a direct transcription of the formulas, and correct.
import numpy as np


def householder_qr(A):
    A = np.asarray(A, dtype=float)
    if A.ndim != 2 or A.shape[0] < A.shape[1]:
        raise ValueError("need an (m, n) matrix with m >= n")
    m, n = A.shape
    R = A.copy()
    Q = np.eye(m)
    for k in range(n):
        x = R[k:, k]
        v = x.copy()
        v[0] += np.copysign(np.linalg.norm(x), x[0])
        H = np.eye(m)
        if v @ v > 0:
            H[k:, k:] -= 2.0 * np.outer(v, v) / (v @ v)
        R = H @ R
        Q = Q @ H
    Q, R = Q[:, :n], np.triu(R[:n])
    d = np.sign(np.diag(R))
    d[d == 0] = 1.0
    return Q * d, R * d[:, None]
