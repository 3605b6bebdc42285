# QR and back substitution without the rank test: a duplicated column gives r_ii ~ 1e-16 and
# an enormous, meaningless w instead of ValueError.
import numpy as np


def lstsq_qr(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or X.shape[0] < X.shape[1]:
        raise ValueError("bad shapes")
    Q, R = np.linalg.qr(X)
    c = Q.T @ y
    w = np.zeros(len(c))
    for i in reversed(range(len(c))):
        w[i] = (c[i] - R[i, i + 1:] @ w[i + 1:]) / R[i, i]
    return w
