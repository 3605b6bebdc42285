# Classic mistake: the sample variance (n - 1) instead of the biased batch variance.
import numpy as np


def batchnorm_forward(x, gamma, beta, running_mean, running_var, training, momentum=0.1,
                      eps=1e-5):
    x = np.asarray(x, dtype=float)
    if x.ndim != 2 or not 0 <= momentum <= 1:
        raise ValueError("bad")
    if any(np.shape(a) != (x.shape[1],) for a in (gamma, beta, running_mean, running_var)):
        raise ValueError("bad")
    if training:
        if len(x) < 2:
            raise ValueError("bad")
        mu, var = x.mean(0), x.var(0, ddof=1)
        running_mean = (1 - momentum) * running_mean + momentum * mu
        running_var = (1 - momentum) * running_var + momentum * var
    else:
        mu, var = running_mean, running_var
    return gamma * (x - mu) / np.sqrt(var + eps) + beta, running_mean, running_var
