# Tests the rank with det == 0: the determinant of a singular X^T X comes out as a tiny
# non-zero number, so the check never fires; np.linalg.solve then either returns garbage or
# raises LinAlgError, which is not the ValueError the statement asks for.
import numpy as np


def normal_equation(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or len(X) != len(y):
        raise ValueError("shapes do not fit")
    Xt = np.hstack([np.ones((len(X), 1)), X])
    A = Xt.T @ Xt
    if np.linalg.det(A) == 0:
        raise ValueError("singular")
    theta = np.linalg.solve(A, Xt.T @ y)
    return theta[1:], float(theta[0])
