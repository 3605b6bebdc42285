# Thresholds at the data values themselves (x <= v) instead of the midpoints: the same
# partitions and gains, but the threshold returned is the lower value.
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
    n, best = len(y), None
    for j in range(X.shape[1]):
        for t in np.unique(X[:, j])[:-1]:
            left = X[:, j] <= t
            w = left.sum() / n
            gain = _imp(y, criterion) - w * _imp(y[left], criterion) - (1 - w) * _imp(y[~left], criterion)
            if best is None or gain > best[2] + 1e-12:
                best = (j, float(t), float(gain))
    if best is None:
        raise ValueError("no split")
    return best
