import numpy as np


def bias_variance(
    samples: np.ndarray, true_var: float, ddof: int
) -> tuple[float, float, float]:
    """Bias, variance and MSE of the ddof-variance estimator.

    samples has shape (R, n), one simulated data set per row.
    Raise ValueError for a non-2-D or empty samples, ddof < 0, or n <= ddof.
    """
    raise NotImplementedError
