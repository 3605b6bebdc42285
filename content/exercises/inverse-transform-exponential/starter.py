import numpy as np


def sample_exponential(u: np.ndarray, rate: float) -> np.ndarray:
    """Map uniform draws u in [0, 1) to exponential(rate) draws (inverse CDF).

    Return an array of the same shape as u. Raise ValueError if rate <= 0
    or any entry of u is outside [0, 1).
    """
    raise NotImplementedError
