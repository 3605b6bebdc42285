# Classic mix-up: rows are the predicted class, columns the true one.
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if n_classes < 1 or t.shape != p.shape:
        raise ValueError("bad input")
    both = np.concatenate([t, p])
    if both.size and (both.min() < 0 or both.max() >= n_classes):
        raise ValueError("label out of range")
    C = np.zeros((n_classes, n_classes), dtype=int)
    for a, b in zip(t, p, strict=True):
        C[b, a] += 1
    return C
