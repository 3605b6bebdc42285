# Checks the learning rate only: steps = -1 returns an empty path instead of raising.
import numpy as np


def gradient_descent(A, b, x0, lr, steps):
    if lr <= 0:
        raise ValueError("lr must be positive")
    A, b = np.asarray(A, dtype=float), np.asarray(b, dtype=float)
    x = np.asarray(x0, dtype=float)
    rows = [x]
    for _ in range(steps):
        x = x - lr * (A @ x - b)
        rows.append(x)
    return np.array(rows)[: max(steps + 1, 0)]
