import numpy as np


def logistic_grad_hess(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """Mean logistic loss at w, its gradient (d,) and its Hessian (d, d)."""
    raise NotImplementedError
