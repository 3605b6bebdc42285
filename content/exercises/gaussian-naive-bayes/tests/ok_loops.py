# Per-class loops with a two-pass variance, a Python log-density, and a logsumexp via
# np.logaddexp.reduce.
import math

import numpy as np


def gaussian_naive_bayes(X_train, y_train, X_test, var_smoothing=1e-9):
    X = np.asarray(X_train, dtype=float)
    T = np.asarray(X_test, dtype=float)
    y = np.asarray(y_train, dtype=int)
    if len(X) != len(y) or X.shape[1] != T.shape[1]:
        raise ValueError("shapes")
    if var_smoothing <= 0:
        raise ValueError("var_smoothing")
    K = int(y.max()) + 1
    scores = np.empty((len(T), K))
    for c in range(K):
        rows = X[y == c]
        if len(rows) == 0:
            raise ValueError(f"class {c} is empty")
        mu = rows.sum(axis=0) / len(rows)
        var = ((rows - mu) ** 2).sum(axis=0) / len(rows) + var_smoothing
        for i, t in enumerate(T):
            total = math.log(len(rows) / len(y))
            for j in range(X.shape[1]):
                total += -0.5 * math.log(2 * math.pi * var[j]) - (t[j] - mu[j]) ** 2 / (2 * var[j])
            scores[i, c] = total
    return scores - np.logaddexp.reduce(scores, axis=1, keepdims=True)
