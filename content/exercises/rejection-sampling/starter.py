import numpy as np


def rejection_beta(x: np.ndarray, u: np.ndarray, a: float, b: float) -> np.ndarray:
    """Keep the uniform proposals x[i] with u[i] < g(x[i]) / g(mode), g(x) = x^(a-1) (1-x)^(b-1).

    Return the accepted proposals in order. Raise ValueError for a < 1 or b < 1, mismatched or
    non-1-D x and u, or entries outside [0, 1).
    """
    raise NotImplementedError
