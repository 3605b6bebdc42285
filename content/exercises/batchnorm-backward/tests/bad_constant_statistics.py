# Classic mistake: differentiate only the direct path, as if mean and variance were constants.
import numpy as np


def batchnorm_backward(dout, x, gamma, eps=1e-5):
    x, dout = np.asarray(x, dtype=float), np.asarray(dout, dtype=float)
    if x.ndim != 2 or dout.shape != x.shape or np.shape(gamma) != (x.shape[1],):
        raise ValueError("bad shapes")
    inv = 1 / np.sqrt(x.var(0) + eps)
    xhat = (x - x.mean(0)) * inv
    return dout * gamma * inv, (dout * xhat).sum(0), dout.sum(0)
