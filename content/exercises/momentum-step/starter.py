import numpy as np


def momentum_step(
    w: np.ndarray, v: np.ndarray, grad: np.ndarray, lr: float, beta: float
) -> tuple[np.ndarray, np.ndarray]:
    """One momentum update: v_new = beta * v + grad, w_new = w - lr * v_new."""
    raise NotImplementedError
