from __future__ import annotations

import numpy as np


def covariance_matrix(X: np.ndarray, ddof: int = 1) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (observations x variables), got shape {X.shape}")
    n = X.shape[0]
    if ddof < 0 or n <= ddof:
        raise ValueError(f"need ddof >= 0 and more than ddof={ddof} rows, got {n}")
    Xc = X - X.mean(axis=0)
    return Xc.T @ Xc / (n - ddof)
