# The direct loop: one += per example, labels checked as they are met.
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    if n_classes < 1 or len(y_true) != len(y_pred):
        raise ValueError("bad input")
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred, strict=True):
        if not (0 <= t < n_classes and 0 <= p < n_classes):
            raise ValueError("label out of range")
        C[int(t), int(p)] += 1
    return C
