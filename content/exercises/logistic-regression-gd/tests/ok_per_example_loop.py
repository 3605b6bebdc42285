# The gradient accumulated one example at a time, with math.exp in the numerically safe branch.
import math

import numpy as np


def _sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def logistic_regression_gd(X, y, lr, n_iter):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or len(y) != len(X) or len(y) == 0:
        raise ValueError("bad shapes")
    if any(v not in (0.0, 1.0) for v in y):
        raise ValueError("labels must be 0/1")
    if lr <= 0 or n_iter < 0:
        raise ValueError("need lr > 0 and n_iter >= 0")
    n, d = X.shape
    w = np.zeros(d)
    for _ in range(n_iter):
        g = np.zeros(d)
        for xi, yi in zip(X, y, strict=True):
            g += (_sigmoid(float(xi @ w)) - yi) * xi
        w = w - lr * g / n
    return w
