# The quadratic in x expanded into matrix products: sum_j (x_j - mu_j)^2 / v_j
# = (x^2) @ (1/v).T - 2 x @ (mu/v).T + sum(mu^2 / v).
import numpy as np


def gaussian_naive_bayes(X_train, y_train, X_test, var_smoothing=1e-9):
    X, T = np.asarray(X_train, float), np.asarray(X_test, float)
    y = np.asarray(y_train)
    if X.ndim != 2 or T.ndim != 2 or len(X) != len(y) or X.shape[1] != T.shape[1]:
        raise ValueError("shapes")
    if not var_smoothing > 0:
        raise ValueError("var_smoothing")
    counts = np.bincount(y)
    if (counts == 0).any():
        raise ValueError("empty class")
    onehot = np.eye(len(counts))[y]  # (n, K)
    mu = onehot.T @ X / counts[:, None]
    var = onehot.T @ (X - mu[y]) ** 2 / counts[:, None] + var_smoothing
    inv = 1.0 / var
    quad = (T**2) @ inv.T - 2 * T @ (mu * inv).T + (mu**2 * inv).sum(1)
    joint = np.log(counts / counts.sum()) - 0.5 * np.log(2 * np.pi * var).sum(1) - 0.5 * quad
    a = joint.max(axis=1, keepdims=True)
    return joint - a - np.log(np.exp(joint - a).sum(axis=1, keepdims=True))
