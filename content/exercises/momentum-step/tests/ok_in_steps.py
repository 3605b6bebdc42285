# Velocity first, then the step, written out with explicit copies and float conversion.
import numpy as np


def momentum_step(w, v, grad, lr, beta):
    if not lr > 0:
        raise ValueError("lr must be positive")
    if beta < 0 or beta >= 1:
        raise ValueError("beta must be in [0, 1)")
    w = np.array(w, dtype=float)
    v = np.array(v, dtype=float)
    g = np.array(grad, dtype=float)
    if w.shape != v.shape or v.shape != g.shape:
        raise ValueError("shapes differ")
    v *= beta
    v += g
    w -= lr * v
    return w, v
