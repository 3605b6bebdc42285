from __future__ import annotations

import numpy as np


def solve_2x2(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    if A.shape != (2, 2) or b.shape != (2,):
        raise ValueError(f"expected shapes (2, 2) and (2,), got {A.shape} and {b.shape}")
    (a, bb), (c, d) = A
    e, f = b
    det = a * d - bb * c
    if det == 0.0:
        raise ValueError("A is singular: the system has no unique solution")
    return np.array([e * d - bb * f, a * f - e * c]) / det
