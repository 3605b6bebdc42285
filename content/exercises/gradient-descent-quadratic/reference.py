from __future__ import annotations

import numpy as np


def gradient_descent(
    A: np.ndarray, b: np.ndarray, x0: np.ndarray, lr: float, steps: int
) -> np.ndarray:
    if lr <= 0:
        raise ValueError(f"the learning rate must be positive, got {lr}")
    if steps < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    path = np.empty((steps + 1, len(b)))
    path[0] = x0
    for t in range(steps):
        path[t + 1] = path[t] - lr * (A @ path[t] - b)
    return path
