from __future__ import annotations

import numpy as np


def batchnorm_backward(
    dout: np.ndarray, x: np.ndarray, gamma: np.ndarray, eps: float = 1e-5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.asarray(x, dtype=float)
    dout = np.asarray(dout, dtype=float)
    gamma = np.asarray(gamma, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"x must be 2-D (N, D), got shape {x.shape}")
    if dout.shape != x.shape:
        raise ValueError(f"dout has shape {dout.shape}, x has shape {x.shape}")
    n, d = x.shape
    if gamma.shape != (d,):
        raise ValueError(f"gamma must have shape ({d},), got {gamma.shape}")
    mean = x.sum(axis=0) / n
    centred = x - mean
    inv_std = 1.0 / np.sqrt((centred**2).sum(axis=0) / n + eps)
    x_hat = centred * inv_std
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dx_hat = dout * gamma
    dx = inv_std / n * (n * dx_hat - dx_hat.sum(axis=0) - x_hat * (dx_hat * x_hat).sum(axis=0))
    return dx, dgamma, dbeta
