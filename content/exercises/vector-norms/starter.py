import numpy as np


def vector_norm(x: np.ndarray, p: float | str) -> float:
    """Return the p-norm of the 1-D array x; p >= 1 or the string "inf".

    The empty vector has norm 0. Raise ValueError for p < 1 or an unknown string.
    """
    raise NotImplementedError
