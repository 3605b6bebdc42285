# Right algorithm, but a y that is one entry short is silently accepted: the residual
# broadcasts or the products fail with whatever NumPy raises.
import numpy as np


def lasso_coordinate_descent(X, y, lam):
    if lam < 0:
        raise ValueError("lam must be >= 0")
    X = np.atleast_2d(np.asarray(X, dtype=float))
    y = np.asarray(y, dtype=float)
    n = min(len(y), X.shape[0])
    X, y = X[:n], y[:n]
    norms = (X * X).sum(axis=0)
    w = np.zeros(X.shape[1])
    r = y.copy()
    for _ in range(100_000):
        moved = 0.0
        for j in np.flatnonzero(norms):
            rho = X[:, j] @ r + norms[j] * w[j]
            new = np.sign(rho) * max(abs(rho) - lam, 0.0) / norms[j]
            r -= X[:, j] * (new - w[j])
            moved = max(moved, abs(new - w[j]))
            w[j] = new
        if moved <= 1e-12:
            break
    return w
