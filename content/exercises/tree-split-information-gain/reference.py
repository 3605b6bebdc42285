from __future__ import annotations

import numpy as np


def _impurity(counts: np.ndarray, criterion: str) -> float:
    total = counts.sum()
    p = counts[counts > 0] / total
    if criterion == "entropy":
        return float(-(p * np.log2(p)).sum())
    return float(1.0 - (p * p).sum())


def best_split(X: np.ndarray, y: np.ndarray, criterion: str = "entropy") -> tuple[int, float, float]:
    if criterion not in ("entropy", "gini"):
        raise ValueError(f"criterion must be 'entropy' or 'gini', got {criterion!r}")
    X = np.asarray(X, dtype=float)
    y = np.asarray(y).astype(np.int64)
    if X.ndim != 2 or y.ndim != 1 or len(X) != len(y):
        raise ValueError("X must be (n, d) and y of length n")
    n_classes = int(y.max()) + 1 if y.size else 1
    n = len(y)
    parent = _impurity(np.bincount(y, minlength=n_classes), criterion)
    candidates: list[tuple[int, float, float]] = []
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for threshold in (values[:-1] + values[1:]) / 2:
            left = X[:, j] <= threshold
            n_left = int(left.sum())
            children = (
                n_left / n * _impurity(np.bincount(y[left], minlength=n_classes), criterion)
                + (n - n_left) / n * _impurity(np.bincount(y[~left], minlength=n_classes), criterion)
            )
            candidates.append((j, float(threshold), parent - children))
    if not candidates:
        raise ValueError("every feature is constant: there is no split")
    best_gain = max(gain for _, _, gain in candidates)
    # Candidates are in (feature, threshold) order: the first within 1e-12 of the best wins.
    return next(c for c in candidates if c[2] >= best_gain - 1e-12)
