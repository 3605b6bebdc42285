# Keeps only the diagonal s_i (1 - s_i), as if softmax were element-wise.
import numpy as np


def softmax_jacobian(x):
    x = np.asarray(x, dtype=float)
    if x.ndim != 1 or x.size == 0:
        raise ValueError("need a non-empty vector")
    e = np.exp(x - x.max())
    s = e / e.sum()
    return np.diag(s * (1 - s))
