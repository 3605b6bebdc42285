# Lagrangian written with - lam^T (A x - b): x is right, every multiplier has the wrong sign.
import numpy as np


def equality_qp(Q, c, A, b):
    Q, c, A, b = (np.asarray(v, dtype=float) for v in (Q, c, A, b))
    n, p = len(c), len(b)
    if Q.shape != (n, n) or A.shape != (p, n):
        raise ValueError("shapes do not fit")
    K = np.block([[Q, -A.T], [A, np.zeros((p, p))]])
    if np.linalg.matrix_rank(K) < n + p:
        raise ValueError("singular")
    z = np.linalg.solve(K, np.concatenate([-c, b]))
    return z[:n], z[n:]
