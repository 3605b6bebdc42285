import numpy as np


def lu_solve(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Solve A x = b by LU with partial pivoting; return x of shape (n,).

    Raise ValueError if A is not square, b has the wrong shape, or A is
    singular.
    """
    raise NotImplementedError
