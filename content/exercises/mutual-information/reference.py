from __future__ import annotations

import numpy as np


def mutual_information(joint: np.ndarray) -> float:
    J = np.asarray(joint, dtype=float)
    if J.ndim != 2 or J.size == 0:
        raise ValueError("joint must be a non-empty 2-D table")
    if np.any(J < 0):
        raise ValueError("joint has a negative entry")
    total = J.sum()
    if total <= 0:
        raise ValueError("joint sums to 0")
    P = J / total
    px = P.sum(axis=1, keepdims=True)  # (rows, 1)
    py = P.sum(axis=0, keepdims=True)  # (1, cols)
    cells = P > 0  # where P > 0 both marginals are > 0 too
    ratio = P[cells] / (px * py)[cells]
    return float(max((P[cells] * np.log2(ratio)).sum(), 0.0))
