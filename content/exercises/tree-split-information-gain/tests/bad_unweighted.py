# Children averaged with weight 1/2 each instead of their share of the examples.
import numpy as np


def _imp(y, criterion):
    p = np.bincount(y) / len(y)
    p = p[p > 0]
    return -np.sum(p * np.log2(p)) if criterion == "entropy" else 1 - np.sum(p * p)


def best_split(X, y, criterion="entropy"):
    if criterion not in ("entropy", "gini"):
        raise ValueError("criterion")
    X, y = np.asarray(X, float), np.asarray(y, int)
    if len(X) != len(y):
        raise ValueError("lengths")
    best = None
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] + v[1:]) / 2:
            left = X[:, j] <= t
            gain = _imp(y, criterion) - 0.5 * _imp(y[left], criterion) - 0.5 * _imp(y[~left], criterion)
            if best is None or gain > best[2] + 1e-12:
                best = (j, float(t), float(gain))
    if best is None:
        raise ValueError("no split")
    return best
