from __future__ import annotations

import numpy as np

SINGULAR = 1e-12


def lu_solve(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"A must be square, got shape {A.shape}")
    n = A.shape[0]
    if b.shape != (n,):
        raise ValueError(f"b must have shape ({n},), got {b.shape}")
    scale = np.max(np.abs(A)) if A.size else 0.0
    U = A.copy()
    L = np.eye(n)
    perm = np.arange(n)
    for k in range(n):
        p = k + int(np.argmax(np.abs(U[k:, k])))
        if not abs(U[p, k]) > SINGULAR * scale:
            raise ValueError(f"A is singular to working precision (step {k})")
        if p != k:
            U[[k, p]] = U[[p, k]]
            L[[k, p], :k] = L[[p, k], :k]
            perm[[k, p]] = perm[[p, k]]
        L[k + 1:, k] = U[k + 1:, k] / U[k, k]
        U[k + 1:, k:] -= np.outer(L[k + 1:, k], U[k, k:])
    y = b[perm].copy()
    for i in range(n):  # forward: L y = P b, unit diagonal
        y[i] -= np.sum(L[i, :i] * y[:i])
    x = np.zeros(n)
    for i in reversed(range(n)):  # backward: U x = y
        x[i] = (y[i] - np.sum(U[i, i + 1:] * x[i + 1:])) / U[i, i]
    return x
