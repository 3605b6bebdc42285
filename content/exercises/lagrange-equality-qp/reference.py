from __future__ import annotations

import numpy as np


def equality_qp(
    Q: np.ndarray, c: np.ndarray, A: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    Q, c, A, b = (np.asarray(v, dtype=float) for v in (Q, c, A, b))
    if Q.ndim != 2 or Q.shape[0] != Q.shape[1]:
        raise ValueError(f"Q must be square, got {Q.shape}")
    n = Q.shape[0]
    if c.shape != (n,) or A.ndim != 2 or A.shape[1] != n or A.shape[0] < 1:
        raise ValueError(f"shapes do not fit: Q {Q.shape}, c {c.shape}, A {A.shape}")
    p = A.shape[0]
    if b.shape != (p,):
        raise ValueError(f"b must have shape ({p},), got {b.shape}")
    K = np.block([[Q, A.T], [A, np.zeros((p, p))]])
    if np.linalg.matrix_rank(K) < n + p:
        raise ValueError("the KKT matrix is singular: redundant constraints or no unique minimum")
    solution = np.linalg.solve(K, np.concatenate([-c, b]))
    return solution[:n], solution[n:]
