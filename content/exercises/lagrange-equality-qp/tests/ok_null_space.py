# The null-space method: write x = x_p + Z u with A x_p = b and A Z = 0 (Z from an SVD of A),
# minimise the reduced quadratic in u, then recover lam from stationarity. Works for the
# singular-Q case as long as Z^T Q Z is nonsingular.
import numpy as np


def equality_qp(Q, c, A, b):
    Q, c, A, b = (np.asarray(v, dtype=float) for v in (Q, c, A, b))
    if Q.ndim != 2 or A.ndim != 2 or Q.shape != (len(c), len(c)) or A.shape != (len(b), len(c)):
        raise ValueError("shapes do not fit")
    p = A.shape[0]
    if p == 0:
        raise ValueError("need constraints")
    U, s, Vt = np.linalg.svd(A)
    if s.min() <= 1e-12 * s.max():
        raise ValueError("redundant constraints")
    x_p = Vt[:p].T @ ((U.T @ b) / s)
    Z = Vt[p:].T
    H = Z.T @ Q @ Z
    if H.size:
        if np.linalg.matrix_rank(H) < H.shape[0]:
            raise ValueError("no unique minimiser")
        u = np.linalg.solve(H, -Z.T @ (Q @ x_p + c))
        x = x_p + Z @ u
    else:
        x = x_p
    g = -(Q @ x + c)                       # = A^T lam
    lam = U @ ((Vt[:p] @ g) / s)           # A^T lam = g  ->  lam = (A A^T)^-1 A g
    return x, lam
