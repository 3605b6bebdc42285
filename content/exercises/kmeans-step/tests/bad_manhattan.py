# Nearest centroid by the sum of absolute differences (L1) instead of the Euclidean distance.
import numpy as np


def kmeans_step(X, centroids):
    X = np.asarray(X, dtype=float)
    C = np.asarray(centroids, dtype=float)
    if X.ndim != 2 or C.ndim != 2 or X.shape[1] != C.shape[1] or len(C) == 0:
        raise ValueError("bad shapes")
    labels = np.abs(X[:, None, :] - C[None, :, :]).sum(axis=2).argmin(axis=1)
    new = C.copy()
    for j in range(len(C)):
        if np.any(labels == j):
            new[j] = X[labels == j].mean(axis=0)
    return labels, new
