# Classic mistake: the sample standard deviation (ddof=1) and eps added outside the root.
import numpy as np


def layernorm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=float)
    if x.ndim < 1 or np.shape(gamma) != x.shape[-1:] or np.shape(beta) != x.shape[-1:]:
        raise ValueError("bad shapes")
    mu = x.mean(axis=-1, keepdims=True)
    return gamma * (x - mu) / (x.std(axis=-1, ddof=1, keepdims=True) + eps) + beta
