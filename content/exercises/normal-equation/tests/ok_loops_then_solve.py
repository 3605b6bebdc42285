# The normal equations built entry by entry with Python sums, the rank checked with
# matrix_rank, solved with np.linalg.solve.
import numpy as np


def normal_equation(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or len(X) != len(y):
        raise ValueError("shapes do not fit")
    n, d = X.shape
    cols = [np.ones(n)] + [X[:, j] for j in range(d)]
    if np.linalg.matrix_rank(np.array(cols).T) < d + 1:
        raise ValueError("the columns of [1, X] are linearly dependent")
    A = np.array([[float(np.sum(a * b)) for b in cols] for a in cols])
    rhs = np.array([float(np.sum(a * y)) for a in cols])
    theta = np.linalg.solve(A, rhs)
    return theta[1:], float(theta[0])
