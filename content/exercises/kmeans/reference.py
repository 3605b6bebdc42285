from __future__ import annotations

import numpy as np


def _assign(X: np.ndarray, C: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    sq_dist = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    labels = np.argmin(sq_dist, axis=1)
    return labels, sq_dist[np.arange(len(X)), labels]


def kmeans(
    X: np.ndarray, init_centroids: np.ndarray, max_iter: int = 100
) -> tuple[np.ndarray, np.ndarray, float]:
    X = np.asarray(X, dtype=float)
    C = np.array(init_centroids, dtype=float)  # a copy: the caller's array is not touched
    if X.ndim != 2 or C.ndim != 2:
        raise ValueError("X and init_centroids must be 2-D")
    if X.shape[1] != C.shape[1]:
        raise ValueError(f"X has {X.shape[1]} columns, init_centroids {C.shape[1]}")
    if C.shape[0] == 0:
        raise ValueError("need at least one centroid")
    if max_iter < 1:
        raise ValueError(f"max_iter must be >= 1, got {max_iter}")
    for _ in range(max_iter):
        labels, _ = _assign(X, C)
        new = C.copy()
        for j in range(len(C)):
            members = X[labels == j]
            if len(members):
                new[j] = members.sum(axis=0) / len(members)
        moved = not np.array_equal(new, C)
        C = new
        if not moved:
            break
    labels, sq = _assign(X, C)
    return labels, C, float(sq.sum())
