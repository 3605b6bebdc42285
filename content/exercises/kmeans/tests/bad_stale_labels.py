# Returns the labels made inside the loop, i.e. against the centroids before the last update
# (right once converged, wrong whenever max_iter stops the loop).
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
        done = np.array_equal(new, C)
        C = new
        if done:
            break
    return labels, C, float(((X - C[labels]) ** 2).sum())
