# Counts only strict wins: every tied pair is scored 0 instead of 1/2.
import numpy as np


def roc_auc(y_true, scores):
    y, s = np.asarray(y_true), np.asarray(scores, dtype=float)
    if y.shape != s.shape or not np.isin(y, [0, 1]).all():
        raise ValueError("bad input")
    pos, neg = s[y == 1], s[y == 0]
    if pos.size == 0 or neg.size == 0:
        raise ValueError("need both classes")
    return float(np.mean(pos[:, None] > neg[None, :]))
