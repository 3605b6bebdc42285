# The normal equations with the penalty added to the diagonal in a loop, solved through a
# Cholesky factor when lam > 0 (X^T X + lam I is then positive definite).
import numpy as np


def ridge_closed_form(X, y, lam):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if lam < 0:
        raise ValueError("negative penalty")
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0]:
        raise ValueError("X must be (n, d) and y (n,)")
    A = X.T @ X
    for j in range(A.shape[0]):
        A[j, j] += lam
    b = X.T @ y
    if lam == 0:
        return np.linalg.solve(A, b)
    L = np.linalg.cholesky(A)
    z = np.linalg.solve(L, b)
    return np.linalg.solve(L.T, z)
