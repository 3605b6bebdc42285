# The ROC staircase drawn one example at a time after sorting by score: tied examples are
# stepped through in whatever order the sort left them, so ties are not counted as 1/2.
import numpy as np


def roc_auc(y_true, scores):
    y, s = np.asarray(y_true), np.asarray(scores, dtype=float)
    if y.shape != s.shape or not np.isin(y, [0, 1]).all():
        raise ValueError("bad input")
    P, N = int(y.sum()), int((1 - y).sum())
    if P == 0 or N == 0:
        raise ValueError("need both classes")
    y_sorted = y[np.argsort(-s, kind="stable")]
    area, tp = 0.0, 0
    for label in y_sorted:
        if label == 1:
            tp += 1
        else:
            area += tp  # a step right at height tp / P
    return area / (P * N)
