# Correct: np.mean / np.var with keepdims.
import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, training, momentum=0.1,
                      eps=1e-5):
    x = np.asarray(x, dtype=float)
    if x.ndim != 2:
        raise ValueError("x")
    d = x.shape[1]
    for a in (gamma, beta, running_mean, running_var):
        if np.shape(a) != (d,):
            raise ValueError("shape")
    if momentum < 0 or momentum > 1:
        raise ValueError("momentum")
    if training:
        if x.shape[0] < 2:
            raise ValueError("batch")
        mu = np.mean(x, axis=0, keepdims=True)
        var = np.var(x, axis=0, keepdims=True)
        new_mean = running_mean + momentum * (mu[0] - running_mean)
        new_var = running_var + momentum * (var[0] - running_var)
    else:
        mu, var = running_mean[None, :], running_var[None, :]
        new_mean, new_var = np.array(running_mean, dtype=float), np.array(running_var, dtype=float)
    return (x - mu) / np.sqrt(var + eps) * gamma + beta, new_mean, new_var
