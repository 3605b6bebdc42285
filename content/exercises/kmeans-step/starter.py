import numpy as np


def kmeans_step(X: np.ndarray, centroids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One Lloyd step: assign each row of X (n, d) to its nearest centroid (k, d), then move
    each centroid to the mean of its points (an empty cluster keeps its centroid).

    Return (labels, new_centroids). Raise ValueError for bad shapes or no centroids.
    """
    raise NotImplementedError
