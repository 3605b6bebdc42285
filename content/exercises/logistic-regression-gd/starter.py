import numpy as np


def logistic_regression_gd(
    X: np.ndarray, y: np.ndarray, lr: float, n_iter: int
) -> np.ndarray:
    """n_iter gradient-descent steps on the mean logistic loss, from w = 0.

    Return w of shape (d,). Raise ValueError for bad shapes or labels,
    lr <= 0 or n_iter < 0.
    """
    raise NotImplementedError
