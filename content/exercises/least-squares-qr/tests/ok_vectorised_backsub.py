# QR from numpy, back substitution written with a Python list and running dot products.
import numpy as np


def lstsq_qr(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or len(y) != len(X) or X.shape[0] < X.shape[1]:
        raise ValueError("bad shapes")
    Q, R = np.linalg.qr(X, mode="reduced")
    r = np.abs(np.diag(R))
    if r.min() <= 1e-10 * r.max():
        raise ValueError("rank-deficient")
    c = Q.T @ y
    d = len(c)
    w = [0.0] * d
    for i in range(d - 1, -1, -1):
        s = c[i]
        for j in range(i + 1, d):
            s -= R[i, j] * w[j]
        w[i] = s / R[i, i]
    return np.array(w)
