from __future__ import annotations

import numpy as np


def correlation_matrix(X: np.ndarray) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] < 2:
        raise ValueError(f"need a 2-D array with at least 2 rows, got shape {X.shape}")
    if np.any(np.ptp(X, axis=0) == 0):
        raise ValueError("a constant column has no defined correlation")
    Xc = X - X.mean(axis=0)
    unit = Xc / np.sqrt((Xc * Xc).sum(axis=0))  # centred columns scaled to length 1
    return unit.T @ unit
