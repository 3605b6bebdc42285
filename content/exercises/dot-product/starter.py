import numpy as np


def dot_product(a: np.ndarray, b: np.ndarray) -> float:
    """Return the dot product of two 1-D arrays of equal length as a float.

    Raise ValueError if the lengths differ.
    """
    raise NotImplementedError
