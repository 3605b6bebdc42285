from __future__ import annotations

import numpy as np


def knn_predict(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, k: int) -> np.ndarray:
    Xtr = np.asarray(X_train, dtype=float)
    ytr = np.asarray(y_train).astype(np.int64)
    Xte = np.asarray(X_test, dtype=float)
    if Xtr.ndim != 2 or Xte.ndim != 2 or ytr.ndim != 1:
        raise ValueError("X_train and X_test must be 2-D, y_train 1-D")
    if len(Xtr) != len(ytr):
        raise ValueError(f"{len(Xtr)} training points but {len(ytr)} labels")
    if Xtr.shape[1] != Xte.shape[1]:
        raise ValueError(f"X_train has {Xtr.shape[1]} columns, X_test {Xte.shape[1]}")
    if not 1 <= k <= len(Xtr):
        raise ValueError(f"k must be between 1 and {len(Xtr)}, got {k}")
    sq_dist = ((Xte[:, None, :] - Xtr[None, :, :]) ** 2).sum(axis=2)  # (m, n)
    # A stable sort keeps equally distant training points in index order.
    nearest = np.argsort(sq_dist, axis=1, kind="stable")[:, :k]
    n_labels = int(ytr.max()) + 1
    votes = np.zeros((len(Xte), n_labels), dtype=np.int64)
    np.add.at(votes, (np.arange(len(Xte))[:, None], ytr[nearest]), 1)
    return np.argmax(votes, axis=1)  # first maximum = smallest label among the tied
