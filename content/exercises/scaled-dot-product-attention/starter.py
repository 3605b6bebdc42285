import numpy as np


def attention(
    Q: np.ndarray, K: np.ndarray, V: np.ndarray, mask: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """softmax(Q K^T / sqrt(d)) V with an optional boolean mask (True = may attend).

    Return (output (n, dv), weights (n, m)).
    """
    raise NotImplementedError
