# Modified Gram-Schmidt in the "row-oriented" order: as soon as q_j is known, remove its
# component from every later column at once (same arithmetic as the reference, other order).
import numpy as np


def gram_schmidt(A):
    V = np.array(A, dtype=float)
    if V.ndim != 2 or V.shape[1] > V.shape[0]:
        raise ValueError("need an (m, n) array with n <= m")
    norms = np.linalg.norm(V, axis=0)
    n = V.shape[1]
    for j in range(n):
        r = np.linalg.norm(V[:, j])
        if r <= 1e-10 * norms[j] or r == 0:
            raise ValueError("dependent column")
        V[:, j] /= r
        V[:, j + 1:] -= np.outer(V[:, j], V[:, j] @ V[:, j + 1:])
    return V
