import numpy as np


def equality_qp(
    Q: np.ndarray, c: np.ndarray, A: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Minimise 1/2 x^T Q x + c^T x subject to A x = b; return (x, lam).

    lam follows Q x + c + A^T lam = 0. Raise ValueError for bad shapes
    or a singular KKT matrix.
    """
    raise NotImplementedError
