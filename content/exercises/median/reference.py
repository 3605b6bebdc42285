from __future__ import annotations

import numpy as np


def median(x: np.ndarray) -> float:
    s = np.sort(np.asarray(x, dtype=float))
    n = s.size
    if n == 0:
        raise ValueError("the median of an empty array is undefined")
    mid = n // 2
    if n % 2 == 1:
        return float(s[mid])
    return float(s[mid - 1] / 2 + s[mid] / 2)  # halves first: cannot overflow near 1e308
