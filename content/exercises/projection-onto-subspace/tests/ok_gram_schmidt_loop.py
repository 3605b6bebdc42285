# Gram-Schmidt by hand, then add the projections onto the orthonormal q's one at a time
# (adding one-dimensional projections is correct once the directions are orthogonal).
import numpy as np


def project_onto_columns(A, y):
    A, y = np.asarray(A, dtype=float), np.asarray(y, dtype=float)
    if A.ndim != 2 or y.shape != (A.shape[0],) or A.shape[1] > A.shape[0]:
        raise ValueError("bad shapes")
    qs = []
    for j in range(A.shape[1]):
        v = A[:, j].copy()
        for q in qs:
            v -= (q @ v) * q
        r = np.linalg.norm(v)
        if r <= 1e-10 * np.linalg.norm(A[:, j]):
            raise ValueError("dependent columns")
        qs.append(v / r)
    p = np.zeros_like(y)
    for q in qs:
        p += (q @ y) * q
    return p
