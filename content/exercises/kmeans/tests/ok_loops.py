# Plain Python loops over points and clusters.
import numpy as np


def kmeans(X, init_centroids, max_iter=100):
    X = np.asarray(X, dtype=float)
    C = np.array(init_centroids, dtype=float)
    if X.ndim != 2 or C.ndim != 2 or X.shape[1] != C.shape[1] or len(C) == 0:
        raise ValueError("bad shapes")
    if max_iter < 1:
        raise ValueError("max_iter < 1")

    def assign(C):
        return np.array([int(np.argmin([np.sum((x - c) ** 2) for c in C])) for x in X])

    for _ in range(max_iter):
        labels = assign(C)
        new = C.copy()
        for j in range(len(C)):
            members = X[labels == j]
            if len(members) > 0:
                new[j] = np.mean(members, axis=0)
        if np.array_equal(new, C):
            break
        C = new
    labels = assign(C)
    inertia = 0.0
    for x, j in zip(X, labels, strict=True):
        inertia += float(np.sum((x - C[j]) ** 2))
    return labels, C, inertia
