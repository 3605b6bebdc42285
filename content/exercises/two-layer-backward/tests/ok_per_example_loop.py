# One example at a time, accumulating the gradients as sums of outer products.
import math

import numpy as np


def two_layer_backward(X, y, W1, b1, W2, b2):
    X = np.asarray(X, dtype=float)
    N, C = X.shape[0], W2.shape[1]
    for label in y:
        if not 0 <= int(label) < C:
            raise ValueError("labels must be in 0..C-1")
    dW1, db1 = np.zeros_like(W1, dtype=float), np.zeros(W1.shape[1])
    dW2, db2 = np.zeros_like(W2, dtype=float), np.zeros(C)
    total = 0.0
    for x, label in zip(X, y, strict=True):
        z = x @ W1 + b1
        a = np.maximum(z, 0.0)
        s = a @ W2 + b2
        top = max(s)
        exps = [math.exp(v - top) for v in s]
        denom = sum(exps)
        total += -(s[label] - top - math.log(denom))
        ds = np.array(exps) / denom
        ds[label] -= 1.0
        ds /= N
        dW2 += np.outer(a, ds)
        db2 += ds
        dz = (W2 @ ds) * (z > 0)
        dW1 += np.outer(x, dz)
        db1 += dz
    return total / N, dW1, db1, dW2, db2
