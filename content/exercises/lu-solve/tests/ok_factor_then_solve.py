# Factor first (P, L, U as explicit matrices, then checked), solve afterwards with pure Python
# loops for the two substitutions.
import numpy as np


def _plu(A):
    n = len(A)
    U = A.copy()
    L = np.zeros((n, n))
    P = np.eye(n)
    scale = np.abs(A).max()
    for k in range(n):
        p = k + int(np.argmax(np.abs(U[k:, k])))
        if abs(U[p, k]) <= 1e-12 * scale:
            raise ValueError("singular matrix")
        for M in (U, L, P):
            M[[k, p]] = M[[p, k]]
        for i in range(k + 1, n):
            L[i, k] = U[i, k] / U[k, k]
            U[i] -= L[i, k] * U[k]
    return P, L + np.eye(n), U


def lu_solve(A, b):
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError("A must be square")
    if b.shape != (len(A),):
        raise ValueError("b has the wrong shape")
    P, L, U = _plu(A)
    pb = P @ b
    n = len(b)
    y = [0.0] * n
    for i in range(n):
        y[i] = pb[i] - sum(L[i, j] * y[j] for j in range(i))
    x = [0.0] * n
    for i in reversed(range(n)):
        x[i] = (y[i] - sum(U[i, j] * x[j] for j in range(i + 1, n))) / U[i, i]
    return np.array(x)
