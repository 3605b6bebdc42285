# Vectorised counts; F1 as the harmonic mean of precision and recall.
import numpy as np


def precision_recall_f1(y_true, y_pred):
    t = np.asarray(y_true)
    p = np.asarray(y_pred)
    if t.shape != p.shape or t.size == 0:
        raise ValueError("bad shapes")
    if np.any((t != 0) & (t != 1)) or np.any((p != 0) & (p != 1)):
        raise ValueError("labels must be 0 or 1")
    tp = float(np.count_nonzero(t & p))
    predicted = float(np.count_nonzero(p))
    actual = float(np.count_nonzero(t))
    precision = tp / predicted if predicted > 0 else 0.0
    recall = tp / actual if actual > 0 else 0.0
    total = precision + recall
    return precision, recall, (2 * precision * recall / total if total > 0 else 0.0)
