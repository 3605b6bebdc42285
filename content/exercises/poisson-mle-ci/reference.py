from __future__ import annotations

import numpy as np


def poisson_ci_coverage(
    counts: np.ndarray, lam: float, z: float = 1.96
) -> tuple[float, float]:
    k = np.asarray(counts)
    if k.ndim != 2 or k.shape[0] == 0 or k.shape[1] == 0:
        raise ValueError("counts must have shape (R, n) with R, n >= 1")
    if np.any(k < 0):
        raise ValueError("counts must be non-negative")
    if not lam > 0:
        raise ValueError(f"lam must be positive, got {lam}")
    if not z > 0:
        raise ValueError(f"z must be positive, got {z}")
    n = k.shape[1]
    lam_hat = k.sum(axis=1) / n
    half = z * np.sqrt(lam_hat / n)  # 1 / I(lam_hat) = lam_hat / n
    covers = (lam_hat - half <= lam) & (lam <= lam_hat + half)
    return float(covers.sum() / k.shape[0]), float((2 * half).sum() / k.shape[0])
