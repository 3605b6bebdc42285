from __future__ import annotations

import numpy as np


def kmeans_step(X: np.ndarray, centroids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=float)
    C = np.asarray(centroids, dtype=float)
    if X.ndim != 2 or C.ndim != 2:
        raise ValueError("X and centroids must be 2-D")
    if X.shape[1] != C.shape[1]:
        raise ValueError(f"X has {X.shape[1]} columns, centroids {C.shape[1]}")
    if C.shape[0] == 0:
        raise ValueError("need at least one centroid")
    sq_dist = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)  # (n, k)
    labels = np.argmin(sq_dist, axis=1)
    new = C.copy()
    for j in range(C.shape[0]):
        members = X[labels == j]
        if len(members):
            new[j] = members.sum(axis=0) / len(members)
    return labels, new
