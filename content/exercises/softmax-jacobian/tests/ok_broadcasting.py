# s[:, None] * (I - s[None, :]) with broadcasting.
import numpy as np


def softmax_jacobian(x):
    x = np.asarray(x, dtype=float)
    if x.ndim != 1 or x.size == 0:
        raise ValueError("need a non-empty vector")
    z = x - x.max()
    s = np.exp(z) / np.exp(z).sum()
    return s[:, None] * (np.eye(len(s)) - s[None, :])
