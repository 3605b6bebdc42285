import numpy as np


def activation(
    x: np.ndarray, name: str, alpha: float = 0.01
) -> tuple[np.ndarray, np.ndarray]:
    """Apply an activation element-wise; return (y, dy/dx) shaped like x.

    name is "leaky_relu" (slope alpha for x <= 0), "gelu" (exact, with erf)
    or "gelu_tanh" (the tanh approximation).
    Raise ValueError for another name or alpha outside [0, 1).
    """
    raise NotImplementedError
