# IRLS proper: each Newton step as a weighted ridge regression on the working response
# z = X w + (y - p) / s. Algebraically the same step, computed differently.
import numpy as np


def logistic_regression_newton(X, y, lam=0.0, tol=1e-10, max_iter=50):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or len(y) == 0:
        raise ValueError("bad shapes")
    if not np.isin(y, [0.0, 1.0]).all() or lam < 0:
        raise ValueError("labels must be 0/1 and lam >= 0")
    n, d = X.shape
    w = np.zeros(d)
    for _ in range(max_iter):
        eta = X @ w
        p = 0.5 * (1 + np.tanh(eta / 2))            # sigmoid without overflow
        s = np.maximum(p * (1 - p), 1e-300)
        work = eta + (y - p) / s
        A = (X * s[:, None]).T @ X / n + lam * np.eye(d)
        try:
            w_new = np.linalg.solve(A, (X * s[:, None]).T @ work / n)
        except np.linalg.LinAlgError:
            raise ValueError("singular weighted system") from None
        if not np.all(np.isfinite(w_new)):
            raise ValueError("diverged")
        step = w - w_new
        w = w_new
        if np.max(np.abs(step)) <= tol * max(1.0, np.max(np.abs(w))):
            return w
    raise ValueError("no convergence")
