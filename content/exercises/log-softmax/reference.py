from __future__ import annotations

import numpy as np


def log_softmax(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    shifted = x - x.max(axis=-1, keepdims=True)  # the largest entry of each row becomes 0
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
