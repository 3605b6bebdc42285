from __future__ import annotations

import numpy as np


def sample_exponential(u: np.ndarray, rate: float) -> np.ndarray:
    u = np.asarray(u, dtype=float)
    if not rate > 0:
        raise ValueError(f"rate must be positive, got {rate}")
    if np.any((u < 0) | (u >= 1)) or np.any(np.isnan(u)):
        raise ValueError("every draw must lie in [0, 1)")
    # F(x) = 1 - exp(-rate x)  =>  x = -log(1 - u) / rate; log1p keeps tiny u accurate.
    return -np.log1p(-u) / rate
