# Right arithmetic, but 1-D input is standardised as one column instead of refused.
import numpy as np


def standardize(X_train, X_test):
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    if X_train.shape[0] == 0:
        raise ValueError("no rows")
    if X_train.shape[1:] != X_test.shape[1:]:
        raise ValueError("column counts differ")
    mu = X_train.mean(axis=0)
    sd = np.where(np.ptp(X_train, axis=0) == 0, 1.0, X_train.std(axis=0))
    return (X_train - mu) / sd, (X_test - mu) / sd
