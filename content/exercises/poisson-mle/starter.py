import math

import numpy as np


def poisson_mle(counts: np.ndarray) -> tuple[float, float]:
    """Poisson MLE lam_hat = mean(counts) and the log-likelihood at lam_hat.

    Use math.lgamma(k + 1) for log(k!). Raise ValueError for empty or negative input.
    """
    counts = np.asarray(counts)
    log_factorials = [math.lgamma(k + 1) for k in counts.tolist()]
    raise NotImplementedError(f"log k! values ready: {len(log_factorials)}")
