from __future__ import annotations

import numpy as np


def box_muller(u1: np.ndarray, u2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    u1 = np.asarray(u1, dtype=float)
    u2 = np.asarray(u2, dtype=float)
    if u1.shape != u2.shape:
        raise ValueError(f"shapes differ: {u1.shape} and {u2.shape}")
    for u in (u1, u2):
        if not np.all((u >= 0) & (u < 1)):
            raise ValueError("every draw must lie in [0, 1)")
    radius = np.sqrt(-2.0 * np.log1p(-u1))
    theta = 2.0 * np.pi * u2
    return radius * np.cos(theta), radius * np.sin(theta)
