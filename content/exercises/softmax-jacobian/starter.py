import numpy as np


def softmax_jacobian(x: np.ndarray) -> np.ndarray:
    """Jacobian J[i, j] = d softmax(x)_i / d x_j of the softmax at the 1-D array x."""
    raise NotImplementedError
