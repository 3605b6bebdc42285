# Works with the Gram matrix G = X^T X and c = X^T y: rho_j = c_j - G_j . w + G_jj w_j.
import numpy as np


def lasso_coordinate_descent(X, y, lam):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if lam < 0 or X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError("bad input")
    G = X.T @ X
    c = X.T @ y
    d = len(c)
    w = np.zeros(d)
    for _ in range(100_000):
        moved = 0.0
        for j in range(d):
            if G[j, j] == 0:
                continue
            rho = c[j] - G[j] @ w + G[j, j] * w[j]
            new = np.sign(rho) * max(abs(rho) - lam, 0.0) / G[j, j]
            moved = max(moved, abs(new - w[j]))
            w[j] = new
        if moved <= 1e-12:
            break
    return w
