# Sort each column once and sweep thresholds with cumulative one-hot counts (O(d n log n)).
import numpy as np


def _imp(counts, totals, criterion):
    with np.errstate(divide="ignore", invalid="ignore"):
        p = counts / totals[:, None]
        if criterion == "entropy":
            terms = np.where(p > 0, p * np.log2(np.where(p > 0, p, 1.0)), 0.0)
            return -terms.sum(axis=1)
        return 1.0 - (p * p).sum(axis=1)


def best_split(X, y, criterion="entropy"):
    if criterion not in ("entropy", "gini"):
        raise ValueError("criterion")
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=int)
    if X.ndim != 2 or len(X) != len(y):
        raise ValueError("shapes")
    n = len(y)
    onehot = np.eye(y.max() + 1)[y]
    parent = _imp(onehot.sum(0)[None, :], np.array([float(n)]), criterion)[0]
    best = None
    for j in range(X.shape[1]):
        order = np.argsort(X[:, j], kind="stable")
        xs = X[order, j]
        left_counts = np.cumsum(onehot[order], axis=0)[:-1]
        cut = np.flatnonzero(xs[1:] != xs[:-1])  # split after position i
        if cut.size == 0:
            continue
        lc = left_counts[cut]
        rc = onehot.sum(0) - lc
        nl = (cut + 1).astype(float)
        nr = n - nl
        gains = parent - nl / n * _imp(lc, nl, criterion) - nr / n * _imp(rc, nr, criterion)
        thresholds = (xs[cut] + xs[cut + 1]) / 2
        for t, g in zip(thresholds, gains, strict=True):
            if best is None or g > best[2] + 1e-12:
                best = (j, float(t), float(g))
    if best is None:
        raise ValueError("no split")
    return best
