# A correct solution in another style: np.vectorize over math.erfc (accurate in the far
# negative tail, where 1 + erf rounds to 0) and the tanh form written as x * sigmoid(2u).
import math

import numpy as np


def activation(x, name, alpha=0.01):
    if alpha < 0 or alpha >= 1:
        raise ValueError("alpha")
    x = np.asarray(x, dtype=float)
    if name == "leaky_relu":
        y = x.copy()
        d = np.ones_like(x)
        neg = x <= 0
        y[neg] *= alpha
        d[neg] = alpha
        return y, d
    if name == "gelu":
        Phi = 0.5 * np.vectorize(math.erfc)(-x / math.sqrt(2.0))
        return x * Phi, Phi + x * np.exp(-(x**2) / 2) / math.sqrt(2 * math.pi)
    if name == "gelu_tanh":
        c = math.sqrt(2 / math.pi)
        u = c * (x + 0.044715 * x**3)
        s = 1 / (1 + np.exp(-2 * u))  # 0.5 (1 + tanh u) = sigmoid(2u)
        return x * s, s + x * 2 * s * (1 - s) * c * (1 + 3 * 0.044715 * x**2)
    raise ValueError(name)
