# Correct Householder QR without the final sign fix: A = QR holds, but R's diagonal has
# negative entries wherever the column's leading entry was positive.
import numpy as np


def householder_qr(A):
    R = np.array(A, dtype=float)
    if R.ndim != 2 or R.shape[0] < R.shape[1]:
        raise ValueError("need an (m, n) matrix with m >= n")
    m, n = R.shape
    Q = np.eye(m)
    for k in range(n):
        v = R[k:, k].copy()
        v[0] += np.copysign(np.linalg.norm(v), v[0])
        if v @ v > 0:
            R[k:, :] -= np.outer(2 * v / (v @ v), v @ R[k:, :])
            Q[:, k:] -= np.outer(Q[:, k:] @ v, 2 * v / (v @ v))
    return Q[:, :n], np.triu(R[:n])
