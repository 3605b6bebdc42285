# Thresholds at lam / 2: the convention of a loss without the 1/2 on the squared error.
import numpy as np


def lasso_coordinate_descent(X, y, lam):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if lam < 0 or X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError("bad input")
    norms = (X * X).sum(axis=0)
    w = np.zeros(X.shape[1])
    r = y.copy()
    for _ in range(100_000):
        moved = 0.0
        for j in np.flatnonzero(norms):
            rho = X[:, j] @ r + norms[j] * w[j]
            new = np.sign(rho) * max(abs(rho) - lam / 2, 0.0) / norms[j]
            r -= X[:, j] * (new - w[j])
            moved = max(moved, abs(new - w[j]))
            w[j] = new
        if moved <= 1e-12:
            break
    return w
