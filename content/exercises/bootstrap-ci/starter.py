import numpy as np


def bootstrap_ci(
    x: np.ndarray, idx: np.ndarray, alpha: float = 0.05, statistic: str = "mean"
) -> tuple[float, float]:
    """Percentile bootstrap interval for the mean or median of x.

    Row b of idx (shape (B, n)) lists the indices of resample b. Return the
    alpha/2 and 1 - alpha/2 quantiles (linear interpolation) of the B
    resample statistics.
    """
    raise NotImplementedError
