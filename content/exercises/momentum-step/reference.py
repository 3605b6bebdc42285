from __future__ import annotations

import numpy as np


def momentum_step(
    w: np.ndarray, v: np.ndarray, grad: np.ndarray, lr: float, beta: float
) -> tuple[np.ndarray, np.ndarray]:
    if lr <= 0:
        raise ValueError(f"the learning rate must be positive, got {lr}")
    if not 0 <= beta < 1:
        raise ValueError(f"beta must be in [0, 1), got {beta}")
    w, v, grad = (np.asarray(a, dtype=float) for a in (w, v, grad))
    if not w.shape == v.shape == grad.shape:
        raise ValueError(f"shapes differ: w {w.shape}, v {v.shape}, grad {grad.shape}")
    v_new = beta * v + grad
    return w - lr * v_new, v_new
