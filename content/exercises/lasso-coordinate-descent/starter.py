import numpy as np


def soft_threshold(rho: float, lam: float) -> float:
    return float(np.sign(rho) * max(abs(rho) - lam, 0.0))


def lasso_coordinate_descent(X: np.ndarray, y: np.ndarray, lam: float) -> np.ndarray:
    """Minimise 0.5 * ||y - X w||^2 + lam * ||w||_1 by cyclic coordinate descent."""
    raise NotImplementedError
