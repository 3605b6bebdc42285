import numpy as np


def gaussian_naive_bayes(
    X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, var_smoothing: float = 1e-9
) -> np.ndarray:
    """Fit Gaussian naive Bayes on (X_train, y_train) and return the (m, K) array of log
    posterior probabilities log P(c | x) for the rows of X_test, computed in log space.

    Variances divide by n_c and add var_smoothing. Raise ValueError for mismatched shapes,
    var_smoothing <= 0, or a class in 0 .. K-1 without training rows.
    """
    raise NotImplementedError
