# Sample variances (ddof=1) instead of the maximum-likelihood ones (divide by n_c).
import numpy as np


def gaussian_naive_bayes(X_train, y_train, X_test, var_smoothing=1e-9):
    X, T, y = np.asarray(X_train, float), np.asarray(X_test, float), np.asarray(y_train)
    if len(X) != len(y) or X.shape[1] != T.shape[1] or var_smoothing <= 0:
        raise ValueError("bad input")
    counts = np.bincount(y)
    if (counts == 0).any():
        raise ValueError("empty class")
    K = len(counts)
    mu = np.array([X[y == c].mean(0) for c in range(K)])
    var = np.array([X[y == c].var(0, ddof=1) if counts[c] > 1 else np.zeros(X.shape[1])
                    for c in range(K)]) + var_smoothing
    ll = -0.5 * (np.log(2 * np.pi * var)[None] + (T[:, None] - mu[None]) ** 2 / var[None]).sum(2)
    joint = np.log(counts / len(y)) + ll
    return joint - np.logaddexp.reduce(joint, axis=1, keepdims=True)
