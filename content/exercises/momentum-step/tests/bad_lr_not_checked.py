# Checks beta and the shapes but accepts any learning rate, 0 and negative included.
import numpy as np


def momentum_step(w, v, grad, lr, beta):
    if not 0 <= beta < 1:
        raise ValueError("beta must be in [0, 1)")
    w, v, grad = (np.asarray(a, dtype=float) for a in (w, v, grad))
    if not (w.shape == v.shape == grad.shape):
        raise ValueError("shapes differ")
    v_new = beta * v + grad
    return w - lr * v_new, v_new
