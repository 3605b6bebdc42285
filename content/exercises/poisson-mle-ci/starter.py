import numpy as np


def poisson_ci_coverage(
    counts: np.ndarray, lam: float, z: float = 1.96
) -> tuple[float, float]:
    """Coverage and mean width of the Wald intervals, one per row of counts.

    Row r gives lam_hat = mean and the interval lam_hat -/+ z sqrt(lam_hat / n).
    counts has shape (R, n). Raise ValueError for a non-2-D or empty table,
    negative counts, lam <= 0 or z <= 0.
    """
    raise NotImplementedError
