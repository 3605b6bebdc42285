import numpy as np


def mutual_information(joint: np.ndarray) -> float:
    """Return I(X; Y) in bits for a 2-D table of non-negative joint counts (or probabilities).

    Zero cells contribute 0. Raise ValueError for a table that is not 2-D, is empty, has a
    negative entry, or sums to 0.
    """
    raise NotImplementedError
