import numpy as np


def numerical_gradient(A: np.ndarray, b: np.ndarray, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Central-difference gradient of f(x) = log(sum(exp(A @ x + b))) at x.

    A: (m, d), b: (m,), x: (d,). Return shape (d,). Raise ValueError if h <= 0.
    """
    raise NotImplementedError
