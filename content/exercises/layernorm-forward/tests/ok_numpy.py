# Correct: np.mean / np.var with keepdims.
import numpy as np


def layernorm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=float)
    if x.ndim < 1 or np.shape(gamma) != x.shape[-1:] or np.shape(beta) != x.shape[-1:]:
        raise ValueError("bad shapes")
    mu = np.mean(x, axis=-1, keepdims=True)
    var = np.var(x, axis=-1, keepdims=True)
    return (x - mu) * (1.0 / np.sqrt(var + eps)) * gamma + beta
