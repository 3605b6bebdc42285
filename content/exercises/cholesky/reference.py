from __future__ import annotations

import numpy as np


def cholesky(A: np.ndarray) -> np.ndarray:
    A = np.asarray(A, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"A must be square, got shape {A.shape}")
    if not np.allclose(A, A.T):
        raise ValueError("A is not symmetric")
    n = A.shape[0]
    L = np.zeros((n, n))
    for j in range(n):
        pivot = A[j, j] - np.sum(L[j, :j] * L[j, :j])
        if not pivot > 0:
            raise ValueError(f"A is not positive definite (pivot {j} is {pivot:.3g})")
        L[j, j] = np.sqrt(pivot)
        for i in range(j + 1, n):
            L[i, j] = (A[i, j] - np.sum(L[i, :j] * L[j, :j])) / L[j, j]
    return L
