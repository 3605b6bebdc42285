# Classic slip: the derivative of x * Phi(x) taken as Phi(x) (no product rule).
import math

import numpy as np


def activation(x, name, alpha=0.01):
    if not 0 <= alpha < 1:
        raise ValueError("alpha")
    x = np.asarray(x, dtype=float)
    if name == "leaky_relu":
        return np.where(x > 0, x, alpha * x), np.where(x > 0, 1.0, alpha)
    c = math.sqrt(2 / math.pi)
    if name == "gelu":
        Phi = 0.5 * (1 + np.vectorize(math.erf)(x / math.sqrt(2)))
        return x * Phi, Phi
    if name == "gelu_tanh":
        t = np.tanh(c * (x + 0.044715 * x**3))
        return 0.5 * x * (1 + t), 0.5 * (1 + t)
    raise ValueError(name)
