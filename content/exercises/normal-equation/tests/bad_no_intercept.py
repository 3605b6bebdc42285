# Forgets the column of ones: the line is forced through the origin.
import numpy as np


def normal_equation(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or len(X) != len(y):
        raise ValueError("shapes do not fit")
    if np.linalg.matrix_rank(X) < X.shape[1]:
        raise ValueError("rank-deficient")
    return np.linalg.solve(X.T @ X, X.T @ y), 0.0
