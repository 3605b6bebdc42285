from __future__ import annotations

import numpy as np


def roc_auc(y_true: np.ndarray, scores: np.ndarray) -> float:
    y = np.asarray(y_true)
    s = np.asarray(scores, dtype=float)
    if y.ndim != 1 or y.shape != s.shape:
        raise ValueError("y_true and scores must be 1-D arrays of the same length")
    if not np.isin(y, (0, 1)).all():
        raise ValueError("labels must be 0 or 1")
    pos, neg = s[y == 1], s[y == 0]
    if pos.size == 0 or neg.size == 0:
        raise ValueError("both classes must be present")
    # For each positive: how many negatives it beats and how many it ties, by binary search
    # in the sorted negatives (O((P + N) log N) instead of a P x N table).
    neg = np.sort(neg)
    below = np.searchsorted(neg, pos, side="left")
    below_or_equal = np.searchsorted(neg, pos, side="right")
    wins_twice = below.sum() + below_or_equal.sum()  # 2 * wins + ties
    return float(wins_twice / (2.0 * pos.size * neg.size))
