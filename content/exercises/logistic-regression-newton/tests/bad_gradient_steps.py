# Fifty gradient-descent steps instead of Newton steps: nowhere near the minimiser yet, and
# no way to notice separable data.
import numpy as np


def logistic_regression_newton(X, y, lam=0.0, tol=1e-10, max_iter=50):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or not np.isin(y, [0, 1]).all() or lam < 0:
        raise ValueError("bad input")
    w = np.zeros(X.shape[1])
    for _ in range(max_iter):
        p = 1 / (1 + np.exp(-(X @ w)))
        w = w - 1.0 * (X.T @ (p - y) / len(y) + lam * w)
    return w
