# Elimination without row swaps: divides by the tiny pivot (or by zero, giving nan/inf).
import numpy as np


def lu_solve(A, b):
    U = np.array(A, dtype=float)
    y = np.array(b, dtype=float)
    if U.ndim != 2 or U.shape[0] != U.shape[1] or y.shape != (len(U),):
        raise ValueError("shapes do not fit")
    n = len(y)
    for k in range(n):
        if U[k, k] == 0 and not U[k:, k].any():
            raise ValueError("singular")
        for i in range(k + 1, n):
            m = U[i, k] / U[k, k]
            U[i, k:] -= m * U[k, k:]
            y[i] -= m * y[k]
    x = np.zeros(n)
    for i in reversed(range(n)):
        x[i] = (y[i] - U[i, i + 1:] @ x[i + 1:]) / U[i, i]
    return x
