# The number of classes is taken from the labels seen (max + 1) instead of n_classes, and
# negative labels are not checked: a class missing at the end shrinks the table.
import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if t.shape != p.shape:
        raise ValueError("lengths differ")
    k = int(max(t.max(initial=0), p.max(initial=0))) + 1
    C = np.zeros((k, k), dtype=int)
    np.add.at(C, (t, p), 1)
    return C
