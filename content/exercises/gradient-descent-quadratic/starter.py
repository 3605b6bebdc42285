import numpy as np


def gradient_descent(A: np.ndarray, b: np.ndarray, x0: np.ndarray, lr: float, steps: int) -> np.ndarray:
    """Minimise 0.5 x^T A x - b^T x by gradient descent; return the path, shape (steps + 1, d)."""
    raise NotImplementedError
