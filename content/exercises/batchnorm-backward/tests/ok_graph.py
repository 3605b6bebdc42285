# Correct: backpropagation node by node through the computational graph (the "staged" way),
# without the simplified formula.
import numpy as np


def batchnorm_backward(dout, x, gamma, eps=1e-5):
    x = np.asarray(x, dtype=float)
    dout = np.asarray(dout, dtype=float)
    if x.ndim != 2 or dout.shape != x.shape or np.shape(gamma) != (x.shape[1],):
        raise ValueError("bad shapes")
    n = x.shape[0]
    mu = np.mean(x, axis=0)
    xc = x - mu
    var = np.mean(xc**2, axis=0)
    std = np.sqrt(var + eps)
    inv = 1.0 / std
    xhat = xc * inv
    dbeta = np.sum(dout, axis=0)
    dgamma = np.sum(dout * xhat, axis=0)
    dxhat = dout * gamma
    dinv = np.sum(dxhat * xc, axis=0)
    dxc = dxhat * inv
    dstd = -dinv / std**2
    dvar = 0.5 * dstd / std
    dsq = np.ones_like(x) * dvar / n
    dxc += 2 * xc * dsq
    dmu = -np.sum(dxc, axis=0)
    dx = dxc + dmu / n
    return dx, dgamma, dbeta
