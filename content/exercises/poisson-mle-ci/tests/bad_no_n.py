# Standard error of one count, sqrt(lam_hat): intervals far too wide, coverage near 1.
import numpy as np


def poisson_ci_coverage(counts, lam, z=1.96):
    k = np.asarray(counts)
    if k.ndim != 2 or k.size == 0 or (k < 0).any() or lam <= 0 or z <= 0:
        raise ValueError("bad input")
    lam_hat = k.mean(axis=1)
    half = z * np.sqrt(lam_hat)
    covers = (lam_hat - half <= lam) & (lam <= lam_hat + half)
    return covers.mean(), np.mean(2 * half)
