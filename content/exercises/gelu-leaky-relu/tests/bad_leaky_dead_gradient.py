# Leaky ReLU whose derivative is 0 on the negative side (a plain ReLU's), and the sigmoid
# approximation x * sigmoid(1.702 x) for both GELUs.
import numpy as np


def activation(x, name, alpha=0.01):
    if not 0 <= alpha < 1:
        raise ValueError("alpha")
    x = np.asarray(x, dtype=float)
    if name == "leaky_relu":
        return np.where(x > 0, x, alpha * x), (x > 0).astype(float)
    if name in ("gelu", "gelu_tanh"):
        s = 1 / (1 + np.exp(-1.702 * x))
        return x * s, s + 1.702 * x * s * (1 - s)
    raise ValueError(name)
