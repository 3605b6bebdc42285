import numpy as np


def determinant(A: np.ndarray) -> float:
    """Return det(A) of a square matrix by Gaussian elimination with partial pivoting.

    The 0x0 matrix has determinant 1. Raise ValueError if A is not square.
    """
    raise NotImplementedError
