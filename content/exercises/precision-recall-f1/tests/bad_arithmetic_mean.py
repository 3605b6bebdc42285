# F1 as the arithmetic mean of precision and recall instead of the harmonic mean.
import numpy as np


def precision_recall_f1(y_true, y_pred):
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if t.shape != p.shape or t.size == 0 or not np.isin(t, [0, 1]).all() or not np.isin(p, [0, 1]).all():
        raise ValueError("bad input")
    tp = np.sum((t == 1) & (p == 1))
    precision = tp / np.sum(p == 1) if np.sum(p == 1) else 0.0
    recall = tp / np.sum(t == 1) if np.sum(t == 1) else 0.0
    return float(precision), float(recall), float((precision + recall) / 2)
