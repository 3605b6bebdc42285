# Element by element over the flattened arrays, reshaped back at the end.
import numpy as np


def momentum_step(w, v, grad, lr, beta):
    if lr <= 0 or not (0 <= beta < 1):
        raise ValueError("need lr > 0 and 0 <= beta < 1")
    w, v, grad = (np.asarray(a, dtype=float) for a in (w, v, grad))
    if not (w.shape == v.shape == grad.shape):
        raise ValueError("shapes differ")
    new_w, new_v = [], []
    for wi, vi, gi in zip(w.ravel(), v.ravel(), grad.ravel(), strict=True):
        nv = beta * vi + gi
        new_v.append(nv)
        new_w.append(wi - lr * nv)
    return np.array(new_w).reshape(w.shape), np.array(new_v).reshape(w.shape)
