from __future__ import annotations

import numpy as np


def low_rank_approx(A: np.ndarray, k: int) -> tuple[np.ndarray, float]:
    A = np.asarray(A, dtype=float)
    if A.ndim != 2:
        raise ValueError(f"A must be 2-D, got shape {A.shape}")
    if not 0 <= k <= min(A.shape):
        raise ValueError(f"k must be between 0 and {min(A.shape)}, got {k}")
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    A_k = (U[:, :k] * s[:k]) @ Vt[:k]
    total = float(np.sum(s**2))
    rel_error = float(np.sqrt(np.sum(s[k:] ** 2) / total)) if total > 0 else 0.0
    return A_k, rel_error
