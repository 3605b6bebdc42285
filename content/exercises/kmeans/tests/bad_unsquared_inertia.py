# Correct loop, but the inertia adds up plain Euclidean distances instead of squared ones.
import numpy as np


def kmeans(X, init_centroids, max_iter=100):
    X = np.asarray(X, dtype=float)
    C = np.array(init_centroids, dtype=float)
    if X.ndim != 2 or C.ndim != 2 or X.shape[1] != C.shape[1] or len(C) == 0 or max_iter < 1:
        raise ValueError("bad input")
    for _ in range(max_iter):
        labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        new = C.copy()
        for j in range(len(C)):
            if np.any(labels == j):
                new[j] = X[labels == j].mean(axis=0)
        if np.array_equal(new, C):
            break
        C = new
    labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    return labels, C, float(np.sqrt(((X - C[labels]) ** 2).sum(axis=1)).sum())
