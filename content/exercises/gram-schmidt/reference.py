from __future__ import annotations

import numpy as np

DEPENDENT = 1e-10


def gram_schmidt(A: np.ndarray) -> np.ndarray:
    A = np.asarray(A, dtype=float)
    if A.ndim != 2:
        raise ValueError(f"A must be 2-D, got shape {A.shape}")
    m, n = A.shape
    if n > m:
        raise ValueError(f"{n} columns in R^{m} cannot be linearly independent")
    Q = np.zeros((m, n))
    for j in range(n):
        v = A[:, j].copy()
        original = np.sqrt(np.sum(v * v))
        for i in range(j):
            v -= np.sum(Q[:, i] * v) * Q[:, i]  # coefficient from the updated v: modified GS
        remaining = np.sqrt(np.sum(v * v))
        if remaining <= DEPENDENT * original or remaining == 0.0:
            raise ValueError(f"column {j} is linearly dependent on the previous columns")
        Q[:, j] = v / remaining
    return Q
