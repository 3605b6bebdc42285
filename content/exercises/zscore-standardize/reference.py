from __future__ import annotations

import numpy as np


def standardize(X_train: np.ndarray, X_test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    if X_train.ndim != 2 or X_test.ndim != 2:
        raise ValueError("X_train and X_test must be 2-D")
    if X_train.shape[0] == 0:
        raise ValueError("X_train has no rows")
    if X_train.shape[1] != X_test.shape[1]:
        raise ValueError(f"column counts differ: {X_train.shape[1]} and {X_test.shape[1]}")
    mu = X_train.mean(axis=0)
    sigma = X_train.std(axis=0)
    # A constant column has no spread to divide by; centring it is all that makes sense.
    sigma = np.where(np.ptp(X_train, axis=0) == 0, 1.0, sigma)
    return (X_train - mu) / sigma, (X_test - mu) / sigma
