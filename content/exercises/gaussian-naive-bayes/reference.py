from __future__ import annotations

import math

import numpy as np


def gaussian_naive_bayes(
    X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, var_smoothing: float = 1e-9
) -> np.ndarray:
    X = np.asarray(X_train, dtype=float)
    y = np.asarray(y_train).astype(np.int64)
    T = np.asarray(X_test, dtype=float)
    if X.ndim != 2 or T.ndim != 2 or y.ndim != 1 or len(X) != len(y):
        raise ValueError("X_train must be (n, d), y_train (n,), X_test (m, d)")
    if X.shape[1] != T.shape[1]:
        raise ValueError(f"X_train has {X.shape[1]} columns, X_test {T.shape[1]}")
    if not var_smoothing > 0:
        raise ValueError(f"var_smoothing must be > 0, got {var_smoothing}")
    if y.size == 0 or y.min() < 0:
        raise ValueError("labels must be non-negative integers")
    counts = np.bincount(y)
    if np.any(counts == 0):
        raise ValueError(f"class {int(np.argmin(counts))} has no training rows")
    K = len(counts)
    means = np.array([X[y == c].sum(axis=0) / counts[c] for c in range(K)])  # (K, d)
    variances = np.array(
        [((X[y == c] - means[c]) ** 2).sum(axis=0) / counts[c] for c in range(K)]
    ) + var_smoothing
    log_prior = np.log(counts / len(y))  # (K,)
    diff = T[:, None, :] - means[None, :, :]  # (m, K, d)
    log_lik = -0.5 * (np.log(2 * math.pi * variances)[None] + diff * diff / variances[None]).sum(
        axis=2
    )
    joint = log_prior[None, :] + log_lik  # (m, K)
    top = joint.max(axis=1, keepdims=True)
    return joint - (top + np.log(np.exp(joint - top).sum(axis=1, keepdims=True)))
