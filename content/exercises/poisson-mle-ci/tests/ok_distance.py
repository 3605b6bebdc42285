# Covering as a distance test |lam_hat - lam| <= z se, with NumPy's mean.
import numpy as np


def poisson_ci_coverage(counts, lam, z=1.96):
    k = np.asarray(counts)
    if k.ndim != 2 or k.size == 0:
        raise ValueError("counts must be (R, n)")
    if (k < 0).any() or lam <= 0 or z <= 0:
        raise ValueError("bad counts, lam or z")
    lam_hat = k.mean(axis=1)
    half = z * np.sqrt(lam_hat / k.shape[1])
    covers = np.abs(lam_hat - lam) <= half
    return covers.mean(), np.mean(2 * half)
