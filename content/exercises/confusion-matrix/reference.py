from __future__ import annotations

import numpy as np


def _labels(y: np.ndarray, n_classes: int, name: str) -> np.ndarray:
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"{name} must be 1-D")
    if y.size and (np.any(y < 0) or np.any(y >= n_classes) or np.any(y != np.round(y))):
        raise ValueError(f"{name} has a label outside 0 .. {n_classes - 1}")
    return y.astype(np.int64)


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> np.ndarray:
    if n_classes < 1:
        raise ValueError(f"n_classes must be >= 1, got {n_classes}")
    t = _labels(y_true, n_classes, "y_true")
    p = _labels(y_pred, n_classes, "y_pred")
    if t.shape != p.shape:
        raise ValueError(f"lengths differ: {t.size} and {p.size}")
    # Each (true, predicted) pair becomes one cell index of the flattened table.
    counts = np.bincount(t * n_classes + p, minlength=n_classes * n_classes)
    return counts.reshape(n_classes, n_classes)
