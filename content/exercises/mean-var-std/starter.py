import numpy as np


def mean_var_std(x: np.ndarray, ddof: int = 0) -> tuple[float, float, float]:
    """Return (mean, variance, standard deviation) of the 1-D array x.

    The variance divides by n - ddof. Raise ValueError if ddof < 0 or n <= ddof.
    """
    raise NotImplementedError
