# The update rearranged as x <- (I - lr A) x + lr b.
import numpy as np


def gradient_descent(A, b, x0, lr, steps):
    if not lr > 0 or steps < 0:
        raise ValueError("need lr > 0 and steps >= 0")
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    M = np.eye(len(b)) - lr * A
    out = np.zeros((steps + 1, len(b)))
    out[0] = x0
    for t in range(1, steps + 1):
        out[t] = M @ out[t - 1] + lr * b
    return out
