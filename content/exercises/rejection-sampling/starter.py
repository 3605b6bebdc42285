import numpy as np


def rejection_beta(
    x: np.ndarray, u: np.ndarray, a: float, b: float
) -> np.ndarray:
    """Keep the proposals x[i] with u[i] < g(x[i]) / g(mode).

    g(x) = x^(a-1) (1-x)^(b-1) is the unnormalised Beta(a, b) density.
    Return the accepted proposals in order. Raise ValueError for a < 1 or
    b < 1, x and u not 1-D of the same shape, or entries outside [0, 1).
    """
    raise NotImplementedError
