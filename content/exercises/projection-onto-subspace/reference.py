from __future__ import annotations

import numpy as np


def project_onto_columns(A: np.ndarray, y: np.ndarray) -> np.ndarray:
    A = np.asarray(A, dtype=float)
    y = np.asarray(y, dtype=float)
    if A.ndim != 2 or y.shape != (A.shape[0],):
        raise ValueError(f"expected A (m, n) and y (m,), got {A.shape} and {y.shape}")
    if A.shape[1] == 0 or np.linalg.matrix_rank(A) < A.shape[1]:
        raise ValueError("the columns of A are linearly dependent: not a basis")
    coefficients = np.linalg.solve(A.T @ A, A.T @ y)
    return A @ coefficients
