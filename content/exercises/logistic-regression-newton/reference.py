from __future__ import annotations

import numpy as np


def _sigmoid(z: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def logistic_regression_newton(
    X: np.ndarray, y: np.ndarray, lam: float = 0.0, tol: float = 1e-10, max_iter: int = 50
) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or X.shape[0] == 0:
        raise ValueError(f"expected X (n, d) and y (n,), got {X.shape} and {y.shape}")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("labels must be 0 or 1")
    if lam < 0:
        raise ValueError(f"lam must be >= 0, got {lam}")
    n, d = X.shape
    w = np.zeros(d)
    for _ in range(max_iter):
        p = _sigmoid(X @ w)
        s = p * (1.0 - p)
        grad = X.T @ (p - y) / n + lam * w
        hess = (X * s[:, None]).T @ X / n + lam * np.eye(d)
        try:
            step = np.linalg.solve(hess, grad)
        except np.linalg.LinAlgError:
            raise ValueError("the Hessian became singular: no finite minimiser") from None
        w = w - step
        if np.max(np.abs(step)) <= tol * max(1.0, float(np.max(np.abs(w)))):
            return w
    raise ValueError(f"Newton's method did not converge in {max_iter} steps")
