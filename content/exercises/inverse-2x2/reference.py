import numpy as np


def inverse_2x2(A: np.ndarray) -> np.ndarray:
    A = np.asarray(A, dtype=float)
    if A.shape != (2, 2):
        raise ValueError(f"expected a 2x2 matrix, got shape {A.shape}")
    (a, b), (c, d) = A
    det = a * d - b * c
    if det == 0:
        raise ValueError("the matrix is singular (det = 0)")
    return np.array([[d, -b], [-c, a]]) / det
