# Vectorised with an unbuffered scatter-add: np.add.at counts repeated index pairs.
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if n_classes < 1 or t.shape != p.shape:
        raise ValueError("bad input")
    both = np.concatenate([t, p])
    if both.size and (both.min() < 0 or both.max() >= n_classes):
        raise ValueError("label out of range")
    C = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(C, (t, p), 1)
    return C
