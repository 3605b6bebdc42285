# The normal equation solved by hand (Gauss-Jordan on X^T X): right on well-conditioned data,
# wrong in every digit when cond(X) = 1e8 because cond(X^T X) = 1e16.
import numpy as np


def lstsq_qr(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or X.shape[0] < X.shape[1]:
        raise ValueError("bad shapes")
    if np.linalg.matrix_rank(X) < X.shape[1]:
        raise ValueError("rank-deficient")
    A = np.hstack([X.T @ X, (X.T @ y)[:, None]])
    d = A.shape[0]
    for k in range(d):
        p = k + np.argmax(np.abs(A[k:, k]))
        A[[k, p]] = A[[p, k]]
        A[k] /= A[k, k]
        for i in range(d):
            if i != k:
                A[i] -= A[i, k] * A[k]
    return A[:, d]
