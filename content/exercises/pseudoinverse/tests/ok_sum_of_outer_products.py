# A+ as a sum of rank-one terms v_i u_i^T / sigma_i over the trusted singular values, with
# the full SVD sliced down instead of the thin one.
import numpy as np


def pinv_and_rank(A):
    A = np.asarray(A, dtype=float)
    if A.ndim != 2:
        raise ValueError("A must be 2-D")
    m, n = A.shape
    U, s, Vt = np.linalg.svd(A, full_matrices=True)
    tol = max(m, n) * np.finfo(float).eps * (s[0] if len(s) else 0.0)
    P = np.zeros((n, m))
    rank = 0
    for i in range(len(s)):
        if s[i] > tol:
            P += np.outer(Vt[i], U[:, i]) / s[i]
            rank += 1
    return P, rank
