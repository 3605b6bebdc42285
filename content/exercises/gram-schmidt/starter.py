import numpy as np


def gram_schmidt(A: np.ndarray) -> np.ndarray:
    """Orthonormalise the columns of A (m, n) with modified Gram-Schmidt.

    Return Q (m, n). Raise ValueError if A is not 2-D, has more columns
    than rows, or has a (numerically) dependent column.
    """
    raise NotImplementedError
