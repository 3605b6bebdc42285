# Gaussian elimination on the augmented matrix [A | b] with row swaps, then back substitution:
# L is never stored, its multipliers are applied to b on the fly.
import numpy as np


def lu_solve(A, b):
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1] or b.shape != (A.shape[0],):
        raise ValueError("shapes do not fit")
    n = len(b)
    M = np.hstack([A, b[:, None]])
    tol = 1e-12 * np.abs(A).max() if n else 0.0
    for k in range(n):
        p = k + np.argmax(np.abs(M[k:, k]))
        if abs(M[p, k]) <= tol:
            raise ValueError("singular")
        M[[k, p]] = M[[p, k]]
        for i in range(k + 1, n):
            M[i, k:] -= M[i, k] / M[k, k] * M[k, k:]
    x = np.zeros(n)
    for i in range(n - 1, -1, -1):
        x[i] = (M[i, n] - M[i, i + 1:n] @ x[i + 1:]) / M[i, i]
    return x
