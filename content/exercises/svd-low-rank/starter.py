import numpy as np


def low_rank_approx(A: np.ndarray, k: int) -> tuple[np.ndarray, float]:
    """Best rank-k approximation of A and its relative Frobenius error.

    Return (A_k of shape A.shape, ||A - A_k||_F / ||A||_F). Raise ValueError for a bad k.
    """
    raise NotImplementedError
