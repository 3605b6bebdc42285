import numpy as np


def precision_recall_f1(y_true: np.ndarray, y_pred: np.ndarray) -> tuple[float, float, float]:
    """Return (precision, recall, f1) for binary labels (1 = positive).

    A value whose denominator is 0 is 0.0. Raise ValueError for different lengths, empty
    arrays, or labels other than 0 and 1.
    """
    raise NotImplementedError
