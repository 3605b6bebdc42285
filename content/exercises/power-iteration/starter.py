import numpy as np


def power_iteration(A: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Top-k eigenpairs of a symmetric PSD matrix by power iteration with deflation.

    Return (values (k,), vectors (n, k)), largest eigenvalue first, unit-length columns.
    """
    raise NotImplementedError
