from __future__ import annotations

import math

import numpy as np

_C = math.sqrt(2.0 / math.pi)
_A = 0.044715


def activation(x: np.ndarray, name: str, alpha: float = 0.01) -> tuple[np.ndarray, np.ndarray]:
    if not 0.0 <= alpha < 1.0:
        raise ValueError(f"alpha must lie in [0, 1), got {alpha}")
    x = np.asarray(x, dtype=float)
    if name == "leaky_relu":
        positive = x > 0
        return np.where(positive, x, alpha * x), np.where(positive, 1.0, alpha)
    if name == "gelu":
        erf = np.array([math.erf(v / math.sqrt(2.0)) for v in x.ravel()]).reshape(x.shape)
        cdf = 0.5 * (1.0 + erf)
        pdf = np.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)
        return x * cdf, cdf + x * pdf
    if name == "gelu_tanh":
        u = _C * (x + _A * x**3)
        t = np.tanh(u)
        du = _C * (1.0 + 3.0 * _A * x * x)
        return 0.5 * x * (1.0 + t), 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * du
    raise ValueError(f"unknown activation {name!r}")
