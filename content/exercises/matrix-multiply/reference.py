from __future__ import annotations

import numpy as np


def matmul(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    A = np.asarray(A)
    B = np.asarray(B)
    if A.ndim != 2 or B.ndim != 2:
        raise ValueError("both inputs must be 2-D")
    if A.shape[1] != B.shape[0]:
        raise ValueError(f"inner sizes differ: {A.shape} and {B.shape}")
    # (m, n, 1) * (1, n, p) -> (m, n, p): every product A_ik B_kj, then sum over k.
    return (A[:, :, None] * B[None, :, :]).sum(axis=1)
