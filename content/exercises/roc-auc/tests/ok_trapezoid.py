# The ROC curve itself: one point per distinct threshold (tied scores move together),
# area by the trapezoid rule.
import numpy as np


def roc_auc(y_true, scores):
    y = np.asarray(y_true)
    s = np.asarray(scores, dtype=float)
    if y.shape != s.shape or not np.all((y == 0) | (y == 1)):
        raise ValueError("bad input")
    P, N = int(np.sum(y == 1)), int(np.sum(y == 0))
    if P == 0 or N == 0:
        raise ValueError("need both classes")
    order = np.argsort(-s, kind="stable")
    s, y = s[order], y[order]
    tp = np.cumsum(y == 1)
    fp = np.cumsum(y == 0)
    last_of_group = np.r_[s[1:] != s[:-1], True]  # keep the point after each whole tie group
    tpr = np.r_[0.0, tp[last_of_group] / P]
    fpr = np.r_[0.0, fp[last_of_group] / N]
    return float(np.sum((fpr[1:] - fpr[:-1]) * (tpr[1:] + tpr[:-1]) / 2))
