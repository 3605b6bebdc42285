import numpy as np


def mc_estimate(
    samples: np.ndarray, z: float = 1.96
) -> tuple[float, float, float, float]:
    """Return (mean, standard error, lower, upper) of 1-D Monte Carlo samples.

    The standard error uses the n - 1 divisor; the interval is
    mean -/+ z * standard error. Raise ValueError for non-1-D input,
    fewer than 2 samples, or z <= 0.
    """
    raise NotImplementedError
