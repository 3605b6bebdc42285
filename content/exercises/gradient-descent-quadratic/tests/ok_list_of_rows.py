# Collects the iterates in a list and stacks them at the end.
import numpy as np


def gradient_descent(A, b, x0, lr, steps):
    if lr <= 0:
        raise ValueError("lr must be positive")
    if steps < 0:
        raise ValueError("steps must be >= 0")
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    x = np.asarray(x0, dtype=float).copy()
    path = [x.copy()]
    for _ in range(steps):
        x = x - lr * (A @ x - b)
        path.append(x.copy())
    return np.vstack(path)
