import numpy as np


def binomial_pmf(k: np.ndarray, n: int, p: float) -> np.ndarray:
    """P(K = k) for K ~ Binomial(n, p), element-wise over the integer array k.

    Work with logs (math.lgamma) so that n in the thousands works. Out-of-range k -> 0.
    """
    raise NotImplementedError
