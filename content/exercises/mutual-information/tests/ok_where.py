# Vectorised with np.where to turn 0 * log(0) into 0 (computing the log on a safe value).
import numpy as np


def mutual_information(joint):
    J = np.asarray(joint, dtype=float)
    if J.ndim != 2 or J.size == 0 or np.any(J < 0) or J.sum() == 0:
        raise ValueError("bad table")
    P = J / J.sum()
    expected = P.sum(axis=1)[:, None] * P.sum(axis=0)[None, :]
    safe_ratio = np.where(P > 0, P / np.where(expected > 0, expected, 1.0), 1.0)
    return float(np.sum(P * np.log2(safe_ratio)))
