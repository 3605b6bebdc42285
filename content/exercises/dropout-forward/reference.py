from __future__ import annotations

import numpy as np


def dropout(x: np.ndarray, p: float, u: np.ndarray, training: bool = True) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    u = np.asarray(u, dtype=float)
    if not 0.0 <= p < 1.0:
        raise ValueError(f"p must lie in [0, 1), got {p}")
    if u.shape != x.shape:
        raise ValueError(f"u has shape {u.shape}, x has shape {x.shape}")
    if not training:
        return x.copy()
    keep = u >= p
    return np.where(keep, x / (1.0 - p), 0.0)
