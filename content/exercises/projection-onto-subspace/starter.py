import numpy as np


def project_onto_columns(A: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Orthogonal projection of y (m,) onto the column space of A (m, n).

    Return an array of shape (m,). Raise ValueError for bad shapes or
    linearly dependent columns.
    """
    raise NotImplementedError
