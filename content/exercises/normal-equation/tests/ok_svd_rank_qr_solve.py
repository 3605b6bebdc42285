# Rank from the singular values (what matrix_rank does inside), then least squares through a
# QR factorisation of [1, X] instead of forming X^T X: a different, more accurate route to the
# same unique solution.
import numpy as np


def normal_equation(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0]:
        raise ValueError("X must be (n, d) and y (n,)")
    A = np.column_stack([np.ones(len(X)), X])
    s = np.linalg.svd(A, compute_uv=False)
    tol = s.max() * max(A.shape) * np.finfo(float).eps
    if np.count_nonzero(s > tol) < A.shape[1]:
        raise ValueError("rank-deficient design")
    Q, R = np.linalg.qr(A)
    theta = np.linalg.solve(R, Q.T @ y)
    return theta[1:], float(theta[0])
