from __future__ import annotations

import numpy as np


def pinv_and_rank(A: np.ndarray) -> tuple[np.ndarray, int]:
    A = np.asarray(A, dtype=float)
    if A.ndim != 2:
        raise ValueError(f"A must be 2-D, got shape {A.shape}")
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    tol = max(A.shape) * np.finfo(float).eps * (s[0] if s.size else 0.0)
    keep = s > tol
    rank = int(keep.sum())
    # Invert only the singular values we trust; the rest contribute nothing.
    s_inv = np.zeros_like(s)
    s_inv[keep] = 1.0 / s[keep]
    return (Vt.T * s_inv) @ U.T, rank
