# Vectorised elimination that records the row permutation and takes its parity at the end
# (number of cycles), instead of flipping a sign at every swap.
import numpy as np


def determinant(A):
    U = np.array(A, dtype=float)
    if U.ndim != 2 or U.shape[0] != U.shape[1]:
        raise ValueError("not a square matrix")
    n = U.shape[0]
    perm = list(range(n))
    for k in range(n):
        p = k + int(np.argmax(np.abs(U[k:, k])))
        if U[p, k] == 0.0:
            return 0.0
        U[[k, p]] = U[[p, k]]
        perm[k], perm[p] = perm[p], perm[k]
        U[k + 1 :, k:] -= np.outer(U[k + 1 :, k] / U[k, k], U[k, k:])
    seen, cycles = [False] * n, 0
    for i in range(n):
        if not seen[i]:
            cycles += 1
            j = i
            while not seen[j]:
                seen[j] = True
                j = perm[j]
    sign = -1.0 if (n - cycles) % 2 else 1.0
    return sign * float(np.prod(np.diag(U)))
