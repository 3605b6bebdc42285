import numpy as np


def correlation_matrix(X: np.ndarray) -> np.ndarray:
    """Pearson correlation matrix (d, d) of the columns of X (n, d).

    Raise ValueError if X is not 2-D, n < 2, or a column is constant.
    """
    raise NotImplementedError
