# Correct: one feature at a time with Python sums.
import math

import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, training, momentum=0.1,
                      eps=1e-5):
    x = np.asarray(x, dtype=float)
    if x.ndim != 2 or not 0 <= momentum <= 1:
        raise ValueError("bad x or momentum")
    n, d = x.shape
    if any(len(np.ravel(a)) != d or np.ndim(a) != 1
           for a in (gamma, beta, running_mean, running_var)):
        raise ValueError("bad parameter shape")
    if training and n < 2:
        raise ValueError("batch too small")
    y = np.empty_like(x)
    rm, rv = np.empty(d), np.empty(d)
    for j in range(d):
        col = [float(v) for v in x[:, j]]
        if training:
            mu = sum(col) / n
            var = sum((v - mu) ** 2 for v in col) / n
            rm[j] = (1 - momentum) * running_mean[j] + momentum * mu
            rv[j] = (1 - momentum) * running_var[j] + momentum * var
        else:
            mu, var = running_mean[j], running_var[j]
            rm[j], rv[j] = mu, var
        s = math.sqrt(var + eps)
        for i in range(n):
            y[i, j] = gamma[j] * (col[i] - mu) / s + beta[j]
    return y, rm, rv
