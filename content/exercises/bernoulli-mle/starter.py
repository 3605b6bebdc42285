import numpy as np


def bernoulli_mle(x: np.ndarray) -> tuple[float, float]:
    """Return (p_hat, log-likelihood at p_hat) for 0/1 observations x.

    Use 0 * log(0) = 0. Raise ValueError for empty input or values other than 0 and 1.
    """
    raise NotImplementedError
