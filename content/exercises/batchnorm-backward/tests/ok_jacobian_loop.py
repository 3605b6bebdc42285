# Correct: for every column, build the N x N Jacobian of x_hat with respect to the column and
# multiply it by the upstream gradient (slow, but a direct translation of the derivative).
import numpy as np


def batchnorm_backward(dout, x, gamma, eps=1e-5):
    x = np.asarray(x, dtype=float)
    dout = np.asarray(dout, dtype=float)
    if x.ndim != 2:
        raise ValueError("x")
    if dout.shape != x.shape:
        raise ValueError("dout")
    n, d = x.shape
    gamma = np.asarray(gamma, dtype=float)
    if gamma.shape != (d,):
        raise ValueError("gamma")
    dx = np.zeros_like(x)
    dgamma = np.zeros(d)
    dbeta = np.zeros(d)
    for j in range(d):
        c = x[:, j]
        mu = c.sum() / n
        s = 1 / np.sqrt(((c - mu) ** 2).sum() / n + eps)
        xh = (c - mu) * s
        # d xh_k / d c_i = s * (delta_ki - 1/n) - s * xh_k * xh_i / n
        J = s * (np.eye(n) - 1.0 / n) - s * np.outer(xh, xh) / n
        dx[:, j] = J.T @ (dout[:, j] * gamma[j])
        dgamma[j] = (dout[:, j] * xh).sum()
        dbeta[j] = dout[:, j].sum()
    return dx, dgamma, dbeta
