from __future__ import annotations

import numpy as np


def two_layer_backward(
    X: np.ndarray, y: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    N, C = X.shape[0], W2.shape[1]
    if np.any(y < 0) or np.any(y >= C):
        raise ValueError(f"labels must be in 0..{C - 1}")
    # forward
    Z1 = X @ W1 + b1
    A1 = np.maximum(0.0, Z1)
    S = A1 @ W2 + b2
    shifted = S - S.max(axis=1, keepdims=True)
    log_P = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    rows = np.arange(N)
    loss = float(-log_P[rows, y].mean())
    # backward
    dS = np.exp(log_P)
    dS[rows, y] -= 1.0
    dS /= N
    dW2 = A1.T @ dS
    db2 = dS.sum(axis=0)
    dZ1 = (dS @ W2.T) * (Z1 > 0)
    dW1 = X.T @ dZ1
    db1 = dZ1.sum(axis=0)
    return loss, dW1, db1, dW2, db2
