from __future__ import annotations

import numpy as np


def sigmoid_and_derivative(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))  # never overflows: the exponent is <= 0
    s = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return s, s * (1.0 - s)
