from __future__ import annotations

import numpy as np


def binary_cross_entropy(y_true: np.ndarray, y_prob: np.ndarray, eps: float = 1e-12) -> float:
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(y_prob, dtype=float)
    if y.shape != p.shape or y.ndim != 1 or y.size == 0:
        raise ValueError(f"need two non-empty 1-D arrays of one shape, got {y.shape}, {p.shape}")
    if np.any((y < 0) | (y > 1)) or np.any((p < 0) | (p > 1)):
        raise ValueError("labels and probabilities must lie in [0, 1]")
    if not 0 < eps < 0.5:
        raise ValueError(f"eps must be in (0, 0.5), got {eps}")
    p = np.clip(p, eps, 1 - eps)
    return float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).mean())
