import numpy as np


def covariance_matrix(X: np.ndarray, ddof: int = 1) -> np.ndarray:
    """Covariance matrix (d, d) of the columns of X (n, d); rows are observations.

    Divide by n - ddof. Raise ValueError if X is not 2-D, ddof < 0 or n <= ddof.
    """
    raise NotImplementedError
