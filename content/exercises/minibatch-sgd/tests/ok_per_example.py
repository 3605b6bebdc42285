# Batch gradient accumulated example by example with plain Python loops over the indices.
import numpy as np


def minibatch_sgd(X, y, w0, lr, batch_size, order):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    order = np.asarray(order)
    n, d = X.shape if X.ndim == 2 else (None, None)
    if n is None or y.shape != (n,) or np.shape(w0) != (d,):
        raise ValueError("bad shapes")
    if batch_size < 1 or lr <= 0:
        raise ValueError("bad hyperparameters")
    if order.ndim != 2 or order.shape[1] != n:
        raise ValueError("bad order shape")
    if any(sorted(int(i) for i in row) != list(range(n)) for row in order):
        raise ValueError("order rows must be permutations")
    w = [float(v) for v in w0]
    for row in order:
        row = [int(i) for i in row]
        for start in range(0, n, batch_size):
            batch = row[start:start + batch_size]
            g = [0.0] * d
            for i in batch:
                r = sum(X[i, j] * w[j] for j in range(d)) - y[i]
                for j in range(d):
                    g[j] += 2.0 * r * X[i, j] / len(batch)
            w = [w[j] - lr * g[j] for j in range(d)]
    return np.array(w)
