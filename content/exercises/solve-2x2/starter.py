import numpy as np


def solve_2x2(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Solve A x = b for a 2x2 matrix A with Cramer's rule; return x of shape (2,).

    Raise ValueError if det(A) == 0 or the shapes are wrong.
    """
    raise NotImplementedError
