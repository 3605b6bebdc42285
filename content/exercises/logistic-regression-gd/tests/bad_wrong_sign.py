# Gradient of the log-likelihood used with a minus sign: climbs the loss instead of descending.
import numpy as np


def logistic_regression_gd(X, y, lr, n_iter):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or not np.isin(y, [0, 1]).all():
        raise ValueError("bad input")
    if lr <= 0 or n_iter < 0:
        raise ValueError("bad hyperparameters")
    w = np.zeros(X.shape[1])
    for _ in range(n_iter):
        z = X @ w
        e = np.exp(-np.abs(z))
        p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
        w -= lr * X.T @ (y - p) / len(y)
    return w
