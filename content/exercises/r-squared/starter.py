import numpy as np


def r_squared(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Return R^2 = 1 - SS_res / SS_tot of the predictions y_pred for targets y_true.

    Raise ValueError for different lengths, fewer than 2 values, or a constant y_true.
    """
    raise NotImplementedError
