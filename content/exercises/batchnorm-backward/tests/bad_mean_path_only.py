# Classic mistake: the path through the mean is included, the one through the variance not.
import numpy as np


def batchnorm_backward(dout, x, gamma, eps=1e-5):
    x, dout = np.asarray(x, dtype=float), np.asarray(dout, dtype=float)
    if x.ndim != 2 or dout.shape != x.shape or np.shape(gamma) != (x.shape[1],):
        raise ValueError("bad shapes")
    inv = 1 / np.sqrt(x.var(0) + eps)
    xhat = (x - x.mean(0)) * inv
    g = dout * gamma
    return inv * (g - g.mean(0)), (dout * xhat).sum(0), dout.sum(0)
