# ReLU derivative taken as 1 at exactly 0 (mask Z1 >= 0).
import numpy as np


def two_layer_backward(X, y, W1, b1, W2, b2):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    N, C = X.shape[0], W2.shape[1]
    if np.any(y < 0) or np.any(y >= C):
        raise ValueError("bad label")
    Z1 = X @ W1 + b1
    A1 = np.maximum(0.0, Z1)
    S = A1 @ W2 + b2
    S = S - S.max(axis=1, keepdims=True)
    log_P = S - np.log(np.exp(S).sum(axis=1, keepdims=True))
    loss = float(-log_P[np.arange(N), y].mean())
    dS = np.exp(log_P)
    dS[np.arange(N), y] -= 1.0
    dS /= N
    dZ1 = (dS @ W2.T) * (Z1 >= 0)
    return loss, X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dS, dS.sum(axis=0)
