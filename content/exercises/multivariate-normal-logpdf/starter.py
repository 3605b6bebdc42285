import numpy as np


def mvn_logpdf(X: np.ndarray, mean: np.ndarray, cov: np.ndarray) -> np.ndarray:
    """Log-density of N(mean, cov) at each row of X (n, d); return shape (n,).

    Raise ValueError for mismatched shapes or a covariance that is not positive definite.
    """
    raise NotImplementedError
