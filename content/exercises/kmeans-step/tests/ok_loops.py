# Plain loops: nearest centroid per point (first one wins a tie), then running sums.
import math

import numpy as np


def kmeans_step(X, centroids):
    X = np.asarray(X, dtype=float)
    C = np.asarray(centroids, dtype=float)
    if X.ndim != 2 or C.ndim != 2 or X.shape[1] != C.shape[1] or len(C) == 0:
        raise ValueError("bad shapes")
    labels = []
    for x in X:
        best, best_d = 0, math.inf
        for j, c in enumerate(C):
            d = float(np.sum((x - c) ** 2))
            if d < best_d:
                best, best_d = j, d
        labels.append(best)
    new = C.copy()
    for j in range(len(C)):
        members = [x for x, lab in zip(X, labels, strict=True) if lab == j]
        if members:
            new[j] = np.sum(members, axis=0) / len(members)
    return np.array(labels), new
