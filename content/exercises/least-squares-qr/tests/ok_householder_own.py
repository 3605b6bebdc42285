# Householder applied to the augmented matrix [X | y]: Q is never formed, Q^T y comes out as
# the last column. Different arithmetic from LAPACK, the same stable answer.
import numpy as np


def lstsq_qr(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError("bad shapes")
    n, d = X.shape
    if n < d:
        raise ValueError("underdetermined")
    M = np.hstack([X, y[:, None]])
    for k in range(d):
        v = M[k:, k].copy()
        v[0] += np.copysign(np.linalg.norm(v), v[0])
        if v @ v > 0:
            M[k:, k:] -= np.outer(2 * v / (v @ v), v @ M[k:, k:])
    R, c = np.triu(M[:d, :d]), M[:d, d]
    r = np.abs(np.diag(R))
    if r.min() <= 1e-10 * r.max():
        raise ValueError("rank-deficient")
    w = np.zeros(d)
    for i in reversed(range(d)):
        w[i] = (c[i] - R[i, i + 1:] @ w[i + 1:]) / R[i, i]
    return w
