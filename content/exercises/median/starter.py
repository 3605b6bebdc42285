import numpy as np


def median(x: np.ndarray) -> float:
    """Return the median of the 1-D array x (average of the two middle values if n is even).

    Raise ValueError if x is empty.
    """
    raise NotImplementedError
