import numpy as np


def cosine_similarity(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Return the (n, m) matrix of cosines between rows of X (n, d) and rows of Y (m, d).

    Raise ValueError for non-2-D inputs, mismatched widths, or any all-zero row.
    """
    raise NotImplementedError
