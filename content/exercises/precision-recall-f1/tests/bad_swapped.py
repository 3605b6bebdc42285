# Precision and recall swapped: divides TP by the actual positives for "precision".
import numpy as np


def precision_recall_f1(y_true, y_pred):
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if t.shape != p.shape or t.size == 0 or not np.isin(t, [0, 1]).all() or not np.isin(p, [0, 1]).all():
        raise ValueError("bad input")
    tp = np.sum(t & p)
    precision = tp / t.sum() if t.sum() else 0.0
    recall = tp / p.sum() if p.sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(precision), float(recall), float(f1)
