# Classical Gram-Schmidt run twice per column ("twice is enough", CGS2): the second pass
# removes what rounding left behind, so it is as orthogonal as the modified version.
import numpy as np


def gram_schmidt(A):
    A = np.asarray(A, dtype=float)
    if A.ndim != 2:
        raise ValueError("A must be 2-D")
    m, n = A.shape
    if n > m:
        raise ValueError("too many columns")
    Q = np.zeros((m, n))
    for j in range(n):
        a = A[:, j]
        v = a - Q[:, :j] @ (Q[:, :j].T @ a)
        v = v - Q[:, :j] @ (Q[:, :j].T @ v)
        r = np.linalg.norm(v)
        if r <= 1e-10 * np.linalg.norm(a) or r == 0:
            raise ValueError("dependent column")
        Q[:, j] = v / r
    return Q
