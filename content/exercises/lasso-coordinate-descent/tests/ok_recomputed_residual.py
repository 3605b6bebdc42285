# Recomputes the partial residual y - X w + x_j w_j for every coordinate (slower, simpler).
import numpy as np


def lasso_coordinate_descent(X, y, lam):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if lam < 0:
        raise ValueError("lam must be >= 0")
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0]:
        raise ValueError("X must be (n, d) and y (n,)")
    d = X.shape[1]
    w = np.zeros(d)
    norms = np.einsum("ij,ij->j", X, X)
    for _ in range(100_000):
        largest = 0.0
        for j in range(d):
            if norms[j] == 0:
                continue
            rho = X[:, j] @ (y - X @ w + X[:, j] * w[j])
            new = np.sign(rho) * max(abs(rho) - lam, 0.0) / norms[j]
            largest = max(largest, abs(new - w[j]))
            w[j] = new
        if largest <= 1e-12:
            break
    return w
