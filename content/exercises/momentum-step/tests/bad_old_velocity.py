# Steps with the old velocity and updates it afterwards.
import numpy as np


def momentum_step(w, v, grad, lr, beta):
    if lr <= 0 or not 0 <= beta < 1:
        raise ValueError("bad hyperparameters")
    w, v, grad = (np.asarray(a, dtype=float) for a in (w, v, grad))
    if not (w.shape == v.shape == grad.shape):
        raise ValueError("shapes differ")
    return w - lr * v, beta * v + grad
