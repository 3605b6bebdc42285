# Distances by the expansion |x|^2 - 2 x.c + |c|^2 (one matrix product), means by
# np.add.at and np.bincount.
import numpy as np


def kmeans_step(X, centroids):
    X = np.asarray(X, dtype=float)
    C = np.asarray(centroids, dtype=float)
    if X.ndim != 2 or C.ndim != 2 or X.shape[1] != C.shape[1] or C.shape[0] == 0:
        raise ValueError("bad shapes")
    k = C.shape[0]
    sq = (X**2).sum(axis=1)[:, None] - 2 * X @ C.T + (C**2).sum(axis=1)[None, :]
    labels = np.argmin(sq, axis=1)
    sums = np.zeros_like(C)
    np.add.at(sums, labels, X)
    counts = np.bincount(labels, minlength=k)
    new = C.copy()
    filled = counts > 0
    new[filled] = sums[filled] / counts[filled][:, None]
    return labels, new
