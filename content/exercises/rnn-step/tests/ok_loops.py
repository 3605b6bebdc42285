# Correct: each output entry as an explicit sum.
import math

import numpy as np


def rnn_step(x, h_prev, Wx, Wh, b):
    x, h_prev, Wx, Wh, b = (np.asarray(a, dtype=float) for a in (x, h_prev, Wx, Wh, b))
    if x.ndim != 2 or h_prev.ndim != 2 or x.shape[0] != h_prev.shape[0]:
        raise ValueError("x/h_prev")
    N, D = x.shape
    H = h_prev.shape[1]
    if Wx.shape != (D, H) or Wh.shape != (H, H) or b.shape != (H,):
        raise ValueError("weights")
    out = np.empty((N, H))
    for n in range(N):
        for j in range(H):
            s = b[j]
            for d in range(D):
                s += x[n, d] * Wx[d, j]
            for k in range(H):
                s += h_prev[n, k] * Wh[k, j]
            out[n, j] = math.tanh(s)
    return out
