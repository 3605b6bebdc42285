import numpy as np


def normal_equation(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Least-squares fit of y ~ X w + b via the normal equation; return (w, b).

    X: (n, d), y: (n,). Raise ValueError if [1, X] does not have full column rank.
    """
    raise NotImplementedError
