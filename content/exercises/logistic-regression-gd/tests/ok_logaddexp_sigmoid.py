# The sigmoid as exp(-log(1 + e^-z)) via np.logaddexp: another overflow-free formula.
import numpy as np


def logistic_regression_gd(X, y, lr, n_iter):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or len(y) == 0:
        raise ValueError("bad shapes")
    if not np.isin(y, [0.0, 1.0]).all():
        raise ValueError("labels must be 0/1")
    if not lr > 0 or n_iter < 0:
        raise ValueError("need lr > 0 and n_iter >= 0")
    w = np.zeros(X.shape[1])
    for _ in range(n_iter):
        p = np.exp(-np.logaddexp(0.0, -(X @ w)))
        w = w - lr * X.T @ (p - y) / len(y)
    return w
