# Uses b - A x as the gradient: climbs instead of descending.
import numpy as np


def gradient_descent(A, b, x0, lr, steps):
    if lr <= 0 or steps < 0:
        raise ValueError("bad arguments")
    A, b = np.asarray(A, dtype=float), np.asarray(b, dtype=float)
    path = np.empty((steps + 1, len(b)))
    path[0] = x0
    for t in range(steps):
        path[t + 1] = path[t] - lr * (b - A @ path[t])
    return path
