import numpy as np


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    """Return the area under the ROC curve of `scores` for binary labels `y_true`.

    Tied (positive, negative) pairs count 1/2. Raise ValueError for different lengths,
    labels other than 0/1, or a missing class.
    """
    raise NotImplementedError
