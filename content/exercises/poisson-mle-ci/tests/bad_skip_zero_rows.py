# Drops the all-zero data sets (se = 0) instead of counting them as misses.
import numpy as np


def poisson_ci_coverage(counts, lam, z=1.96):
    k = np.asarray(counts)
    if k.ndim != 2 or k.size == 0 or (k < 0).any() or lam <= 0 or z <= 0:
        raise ValueError("bad input")
    lam_hat = k.mean(axis=1)
    keep = lam_hat > 0
    if not keep.any():
        return 0.0, 0.0
    lam_hat = lam_hat[keep]
    half = z * np.sqrt(lam_hat / k.shape[1])
    covers = (lam_hat - half <= lam) & (lam <= lam_hat + half)
    return covers.mean(), np.mean(2 * half)
