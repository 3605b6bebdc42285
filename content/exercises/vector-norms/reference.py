from __future__ import annotations

import numpy as np


def vector_norm(x: np.ndarray, p: float | str) -> float:
    if isinstance(p, str):
        if p != "inf":
            raise ValueError(f"unknown norm {p!r}; use a number >= 1 or 'inf'")
    elif p < 1:
        raise ValueError(f"p must be at least 1, got {p}")
    a = np.abs(np.asarray(x, dtype=float))
    if a.size == 0:
        return 0.0
    scale = a.max()
    if p == "inf" or scale == 0:
        return float(scale)
    # Dividing by the largest entry keeps every power in [0, 1], so nothing overflows.
    return float(scale * ((a / scale) ** p).sum() ** (1.0 / p))
