from __future__ import annotations

import numpy as np


def softmax_jacobian(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"x must be a non-empty 1-D array, got shape {x.shape}")
    e = np.exp(x - x.max())
    s = e / e.sum()
    return np.diag(s) - np.outer(s, s)
