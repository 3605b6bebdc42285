from __future__ import annotations

import numpy as np


def determinant(A: np.ndarray) -> float:
    U = np.array(A, dtype=float)  # a copy: elimination overwrites it
    if U.ndim != 2 or U.shape[0] != U.shape[1]:
        raise ValueError(f"A must be square, got shape {U.shape}")
    n = U.shape[0]
    sign = 1.0
    for k in range(n):
        pivot = k + int(np.argmax(np.abs(U[k:, k])))
        if U[pivot, k] == 0.0:
            return 0.0
        if pivot != k:
            U[[k, pivot]] = U[[pivot, k]]
            sign = -sign
        factors = U[k + 1 :, k] / U[k, k]
        U[k + 1 :, k:] -= factors[:, None] * U[k, k:]
    return float(sign * np.prod(np.diag(U)))
