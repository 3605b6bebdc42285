# Solves the unconstrained problem, then projects its minimiser onto {A x = b} in the
# Euclidean sense: feasible, but not the constrained minimiser unless Q is a multiple of I.
import numpy as np


def equality_qp(Q, c, A, b):
    Q, c, A, b = (np.asarray(v, dtype=float) for v in (Q, c, A, b))
    n, p = len(c), len(b)
    if Q.shape != (n, n) or A.shape != (p, n):
        raise ValueError("shapes do not fit")
    if np.linalg.matrix_rank(np.block([[Q, A.T], [A, np.zeros((p, p))]])) < n + p:
        raise ValueError("singular")
    x0 = np.linalg.lstsq(Q, -c, rcond=None)[0]
    mu = np.linalg.solve(A @ A.T, A @ x0 - b)
    x = x0 - A.T @ mu
    lam = np.linalg.lstsq(A.T, -(Q @ x + c), rcond=None)[0]
    return x, lam
