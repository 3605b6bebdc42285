import numpy as np


def inverse_2x2(A: np.ndarray) -> np.ndarray:
    """Return the inverse of the 2x2 matrix A, computed with the 2x2 formula.

    Raise ValueError if det(A) == 0.
    """
    raise NotImplementedError
