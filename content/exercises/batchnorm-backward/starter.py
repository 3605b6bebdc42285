import numpy as np


def batchnorm_backward(
    dout: np.ndarray, x: np.ndarray, gamma: np.ndarray, eps: float = 1e-5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of batch norm in training mode:
    y = gamma * (x - mean) / sqrt(var + eps) + beta.

    dout is dL/dy (N, D). Return (dx (N, D), dgamma (D,), dbeta (D,)).
    """
    raise NotImplementedError
