# The ratio through logarithms, with 0 * log(0) taken as 0 for a = 1 or b = 1.
import numpy as np


def _log_g(t, a, b):
    t = np.asarray(t, dtype=float)
    with np.errstate(divide="ignore"):
        left = (a - 1) * np.log(t) if a != 1 else np.zeros_like(t)
        right = (b - 1) * np.log1p(-t) if b != 1 else np.zeros_like(t)
    return left + right


def rejection_beta(x, u, a, b):
    x = np.asarray(x, dtype=float)
    u = np.asarray(u, dtype=float)
    if a < 1 or b < 1 or x.ndim != 1 or x.shape != u.shape:
        raise ValueError("bad parameters or shapes")
    if x.size and (min(x.min(), u.min()) < 0 or max(x.max(), u.max()) >= 1):
        raise ValueError("values must be in [0, 1)")
    mode = 0.5 if a == b == 1 else (a - 1) / (a + b - 2)
    log_ratio = _log_g(x, a, b) - _log_g(np.array(mode), a, b)
    return x[u < np.exp(log_ratio)]
