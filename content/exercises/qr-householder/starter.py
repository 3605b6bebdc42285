import numpy as np


def householder_qr(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Reduced QR of A (m, n), m >= n, by Householder reflections.

    Return Q (m, n) with orthonormal columns and R (n, n), upper
    triangular with a positive diagonal.
    Raise ValueError if A is not 2-D or m < n.
    """
    raise NotImplementedError
