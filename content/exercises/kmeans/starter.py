import numpy as np


def kmeans(
    X: np.ndarray, init_centroids: np.ndarray, max_iter: int = 100
) -> tuple[np.ndarray, np.ndarray, float]:
    """Lloyd's algorithm from init_centroids (k, d) on the rows of X (n, d).

    Stop after the first step that moves no centroid, or after max_iter steps. Return
    (labels, centroids, inertia), labels assigning each point to the returned centroids.
    """
    raise NotImplementedError
