from __future__ import annotations

import numpy as np


def householder_qr(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    R = np.array(A, dtype=float)
    if R.ndim != 2:
        raise ValueError(f"A must be 2-D, got shape {R.shape}")
    m, n = R.shape
    if m < n:
        raise ValueError(f"need at least as many rows as columns, got {m}x{n}")
    reflectors = []
    for k in range(n):
        x = R[k:, k]
        norm_x = np.sqrt(np.sum(x * x))
        v = x.copy()
        v[0] += norm_x if x[0] >= 0 else -norm_x  # same sign as x_0: no cancellation
        vv = np.sum(v * v)
        if vv > 0:
            R[k:, k:] -= np.outer(2.0 * v / vv, v @ R[k:, k:])
        reflectors.append((v, vv))
    Q = np.eye(m, n)
    for k in reversed(range(n)):  # Q = H_1 H_2 ... H_n applied to the first n columns of I
        v, vv = reflectors[k]
        if vv > 0:
            Q[k:, :] -= np.outer(2.0 * v / vv, v @ Q[k:, :])
    R = np.triu(R[:n, :])
    signs = np.where(np.diag(R) < 0, -1.0, 1.0)
    return Q * signs, R * signs[:, None]
