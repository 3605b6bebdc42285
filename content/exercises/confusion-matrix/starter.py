import numpy as np


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> np.ndarray:
    """Return the (n_classes, n_classes) integer table C with C[i, j] = number of examples
    whose true label is i and whose predicted label is j.

    Raise ValueError if the lengths differ, n_classes < 1, or a label is outside
    0 .. n_classes - 1.
    """
    raise NotImplementedError
