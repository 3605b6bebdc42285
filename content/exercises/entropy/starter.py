import numpy as np


def entropy(p: np.ndarray) -> float:
    """Shannon entropy of the distribution p in bits, with 0 log 0 = 0.

    Raise ValueError if p is empty, negative somewhere, or does not sum to 1.
    """
    raise NotImplementedError
