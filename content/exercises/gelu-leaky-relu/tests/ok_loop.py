# A correct solution written entry by entry with the math module.
import math

import numpy as np


def _one(v, name, alpha):
    if name == "leaky_relu":
        return (v, 1.0) if v > 0 else (alpha * v, alpha)
    if name == "gelu":
        cdf = 0.5 * (1 + math.erf(v / math.sqrt(2)))
        return v * cdf, cdf + v * math.exp(-v * v / 2) / math.sqrt(2 * math.pi)
    c = math.sqrt(2 / math.pi)
    t = math.tanh(c * (v + 0.044715 * v**3))
    return 0.5 * v * (1 + t), 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * c * (1 + 0.134145 * v * v)


def activation(x, name, alpha=0.01):
    if name not in ("leaky_relu", "gelu", "gelu_tanh"):
        raise ValueError(name)
    if not (0 <= alpha < 1):
        raise ValueError("alpha")
    x = np.asarray(x, dtype=float)
    pairs = [_one(float(v), name, alpha) for v in x.ravel()]
    y = np.array([p[0] for p in pairs]).reshape(x.shape)
    d = np.array([p[1] for p in pairs]).reshape(x.shape)
    return y, d
