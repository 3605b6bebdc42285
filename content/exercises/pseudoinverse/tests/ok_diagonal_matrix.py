# Sigma+ built as an explicit (n, m) diagonal matrix, as in the textbook formula V Sigma+ U^T.
import numpy as np


def pinv_and_rank(A):
    A = np.asarray(A, dtype=float)
    if A.ndim != 2:
        raise ValueError("expected a matrix")
    U, s, Vt = np.linalg.svd(A)
    m, n = A.shape
    tol = max(m, n) * np.finfo(float).eps * (s.max() if s.size else 0.0)
    S_plus = np.zeros((n, m))
    r = 0
    for i, sigma in enumerate(s):
        if sigma > tol:
            S_plus[i, i] = 1.0 / sigma
            r += 1
    return Vt.T @ S_plus @ U.T, int(r)
