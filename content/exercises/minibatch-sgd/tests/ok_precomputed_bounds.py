# Batch boundaries computed once up front as (lo, hi) pairs; in-place updates on a copy of w0.
import numpy as np


def minibatch_sgd(X, y, w0, lr, batch_size, order):
    X, y, order = np.asarray(X, dtype=float), np.asarray(y, dtype=float), np.asarray(order)
    if X.ndim != 2 or y.shape != X.shape[:1] or np.shape(w0) != X.shape[1:]:
        raise ValueError("bad shapes")
    if not (batch_size >= 1 and lr > 0):
        raise ValueError("bad hyperparameters")
    n = len(y)
    if order.ndim != 2 or order.shape[1] != n or not all(
        len(np.unique(r)) == n and r.min(initial=0) >= 0 and r.max(initial=-1) < n for r in order
    ):
        raise ValueError("order rows must be permutations of range(n)")
    w = np.asarray(w0, dtype=float).copy()
    bounds = [(s, min(s + batch_size, n)) for s in range(0, n, batch_size)]
    for row in order:
        for lo, hi in bounds:
            idx = row[lo:hi]
            w -= lr * (2.0 / (hi - lo)) * X[idx].T @ (X[idx] @ w - y[idx])
    return w
