# Column by column with plain sums; a column is constant when its max equals its min.
import math

import numpy as np


def standardize(X_train, X_test):
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    if X_train.ndim != 2 or X_test.ndim != 2:
        raise ValueError("inputs must be 2-D")
    n, d = X_train.shape
    if n == 0 or X_test.shape[1] != d:
        raise ValueError("need training rows and the same columns")
    Z_train = np.empty_like(X_train)
    Z_test = np.empty_like(X_test)
    for j in range(d):
        col = X_train[:, j]
        mu = sum(col) / n
        sd = math.sqrt(sum((v - mu) ** 2 for v in col) / n)
        if col.max() == col.min():
            sd = 1.0
        Z_train[:, j] = (col - mu) / sd
        Z_test[:, j] = (X_test[:, j] - mu) / sd
    return Z_train, Z_test
