from __future__ import annotations

import numpy as np


def layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    if x.ndim == 0:
        raise ValueError("x must have at least one axis")
    d = x.shape[-1]
    gamma = np.asarray(gamma, dtype=float)
    beta = np.asarray(beta, dtype=float)
    if gamma.shape != (d,) or beta.shape != (d,):
        raise ValueError(f"gamma and beta must have shape ({d},)")
    mean = x.sum(axis=-1, keepdims=True) / d
    centred = x - mean
    var = (centred**2).sum(axis=-1, keepdims=True) / d
    return gamma * centred / np.sqrt(var + eps) + beta
