import numpy as np


def matmul(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Return the matrix product A B without np.matmul, np.dot, @ or einsum.

    A has shape (m, n), B has shape (n, p); the result has shape (m, p).
    Raise ValueError if an input is not 2-D or the inner sizes differ.
    """
    raise NotImplementedError
