import numpy as np


def logistic_regression_newton(
    X: np.ndarray,
    y: np.ndarray,
    lam: float = 0.0,
    tol: float = 1e-10,
    max_iter: int = 50,
) -> np.ndarray:
    """Minimise mean logistic loss + lam/2 ||w||^2 by Newton's method.

    Start at w = 0; return w of shape (d,). Raise ValueError for bad
    shapes or labels, lam < 0, or no convergence in max_iter steps.
    """
    raise NotImplementedError
