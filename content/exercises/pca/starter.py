import numpy as np


def pca(X: np.ndarray, n_components: int) -> tuple[np.ndarray, np.ndarray]:
    """Project X (n samples x d features) onto its first n_components principal components.

    Return (X_projected of shape (n, k), explained_variance_ratio of shape (k,)).
    """
    raise NotImplementedError
