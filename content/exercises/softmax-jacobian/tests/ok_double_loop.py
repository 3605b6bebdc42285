# Entry by entry: J_ij = s_i (delta_ij - s_j).
import numpy as np


def softmax_jacobian(x):
    x = np.asarray(x, dtype=float)
    if x.ndim != 1 or len(x) == 0:
        raise ValueError("x must be a non-empty 1-D array")
    e = np.exp(x - np.max(x))
    s = e / np.sum(e)
    n = len(s)
    J = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            J[i, j] = s[i] * ((1.0 if i == j else 0.0) - s[j])
    return J
