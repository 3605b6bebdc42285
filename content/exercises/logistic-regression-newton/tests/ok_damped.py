# Newton with a backtracking line search on the objective (halve the step while J does not
# decrease): slower to write, more robust in general, and the same minimiser.
import numpy as np


def _objective(X, y, w, lam):
    z = X @ w
    return np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * lam * w @ w


def logistic_regression_newton(X, y, lam=0.0, tol=1e-10, max_iter=50):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or len(y) == 0:
        raise ValueError("bad shapes")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("labels must be 0/1")
    if lam < 0:
        raise ValueError("lam must be >= 0")
    n, d = X.shape
    w = np.zeros(d)
    for _ in range(max_iter):
        p = np.exp(-np.logaddexp(0.0, -(X @ w)))
        g = X.T @ (p - y) / n + lam * w
        H = X.T @ (X * (p * (1 - p))[:, None]) / n + lam * np.eye(d)
        if np.linalg.matrix_rank(H) < d:
            raise ValueError("singular Hessian")
        step = np.linalg.solve(H, g)
        t, J = 1.0, _objective(X, y, w, lam)
        while _objective(X, y, w - t * step, lam) > J + 1e-12 * abs(J) and t > 1e-8:
            t /= 2
        w = w - t * step
        if np.max(np.abs(t * step)) <= tol * max(1.0, np.max(np.abs(w))):
            return w
    raise ValueError("no convergence")
