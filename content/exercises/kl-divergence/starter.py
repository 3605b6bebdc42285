import numpy as np


def kl_divergence(p: np.ndarray, q: np.ndarray) -> float:
    """D_KL(p || q) in nats; 0 where p_i = 0, inf if p_i > 0 where q_i = 0.

    Raise ValueError for mismatched shapes or inputs that are not distributions.
    """
    raise NotImplementedError
