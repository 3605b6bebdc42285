from __future__ import annotations

import numpy as np


def mvn_logpdf(X: np.ndarray, mean: np.ndarray, cov: np.ndarray) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    mean = np.asarray(mean, dtype=float)
    cov = np.asarray(cov, dtype=float)
    if X.ndim != 2 or mean.shape != (X.shape[1],) or cov.shape != (X.shape[1], X.shape[1]):
        raise ValueError(f"shapes do not fit: X {X.shape}, mean {mean.shape}, cov {cov.shape}")
    d = X.shape[1]
    L = np.linalg.cholesky(cov)  # LinAlgError (a ValueError) unless positive definite
    # Solving L Z = (X - mean)^T handles every point at once; ||z||^2 is the Mahalanobis form.
    Z = np.linalg.solve(L, (X - mean).T)
    maha = (Z * Z).sum(axis=0)
    log_det = 2.0 * np.log(np.diag(L)).sum()
    return -0.5 * (d * np.log(2 * np.pi) + log_det + maha)
