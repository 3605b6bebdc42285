# Penalty lam * ||w||^2 (gradient 2 lam w) while the task says lam / 2 * ||w||^2.
import numpy as np


def logistic_regression_newton(X, y, lam=0.0, tol=1e-10, max_iter=50):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or not np.isin(y, [0, 1]).all() or lam < 0:
        raise ValueError("bad input")
    n, d = X.shape
    w = np.zeros(d)
    for _ in range(max_iter):
        p = 1 / (1 + np.exp(-(X @ w)))
        g = X.T @ (p - y) / n + 2 * lam * w
        H = (X * (p * (1 - p))[:, None]).T @ X / n + 2 * lam * np.eye(d)
        step = np.linalg.solve(H, g)
        w = w - step
        if np.max(np.abs(step)) <= tol * max(1.0, np.max(np.abs(w))):
            return w
    raise ValueError("no convergence")
