# Stops when an assignment repeats (equivalent to "no centroid moved"); distances by the
# expansion with one matrix product, means by np.add.at.
import numpy as np


def _nearest(X, C):
    sq = (X**2).sum(1)[:, None] - 2 * X @ C.T + (C**2).sum(1)[None, :]
    return np.argmin(sq, axis=1)


def _means(X, labels, C):
    sums = np.zeros_like(C)
    np.add.at(sums, labels, X)
    counts = np.bincount(labels, minlength=len(C))
    new = C.copy()
    new[counts > 0] = sums[counts > 0] / counts[counts > 0, None]
    return new


def kmeans(X, init_centroids, max_iter=100):
    X = np.asarray(X, dtype=float)
    C = np.array(init_centroids, dtype=float)
    if X.ndim != 2 or C.ndim != 2 or X.shape[1] != C.shape[1] or len(C) == 0 or max_iter < 1:
        raise ValueError("bad input")
    previous = None
    for _ in range(max_iter):
        labels = _nearest(X, C)
        if previous is not None and np.array_equal(labels, previous):
            break  # this step would recompute the same means: nothing moves
        C = _means(X, labels, C)
        previous = labels
    labels = _nearest(X, C)
    inertia = float(np.sum((X - C[labels]) ** 2))
    return labels, C, inertia
