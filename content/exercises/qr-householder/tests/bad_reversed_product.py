# Accumulates Q = H_n ... H_1 (the matrix that turns A into R) instead of its transpose
# H_1 ... H_n, so A != QR.
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
            H = np.eye(m)
            H[k:, k:] -= 2 * np.outer(v, v) / (v @ v)
            R = H @ R
            Q = H @ Q
    d = np.where(np.diag(R)[:n] < 0, -1.0, 1.0)
    return Q[:, :n] * d, np.triu(R[:n]) * d[:, None]
