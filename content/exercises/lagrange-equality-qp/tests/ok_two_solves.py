# Solve the KKT system assembled entry by entry into a zero matrix, then split the solution.
import numpy as np


def equality_qp(Q, c, A, b):
    Q, c, A, b = (np.asarray(v, dtype=float) for v in (Q, c, A, b))
    n, p = c.shape[0], b.shape[0]
    if Q.shape != (n, n) or A.shape != (p, n) or c.ndim != 1 or b.ndim != 1 or p == 0:
        raise ValueError("shapes do not fit")
    K = np.zeros((n + p, n + p))
    K[:n, :n] = Q
    K[:n, n:] = A.T
    K[n:, :n] = A
    rhs = np.zeros(n + p)
    rhs[:n] = -c
    rhs[n:] = b
    sv = np.linalg.svd(K, compute_uv=False)
    if sv.min() <= sv.max() * (n + p) * np.finfo(float).eps:
        raise ValueError("singular KKT matrix")
    z = np.linalg.solve(K, rhs)
    return z[:n], z[n:]
