from __future__ import annotations

import numpy as np


def normal_equation(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0]:
        raise ValueError(f"expected X (n, d) and y (n,), got {X.shape} and {y.shape}")
    Xt = np.hstack([np.ones((X.shape[0], 1)), X])
    if np.linalg.matrix_rank(Xt) < Xt.shape[1]:
        raise ValueError(
            "[1, X] is rank-deficient (duplicate or constant features, or too few rows): "
            "the least-squares solution is not unique"
        )
    theta = np.linalg.solve(Xt.T @ Xt, Xt.T @ y)
    return theta[1:], float(theta[0])
