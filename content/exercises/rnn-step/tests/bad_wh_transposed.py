# Classic mistake: the recurrent weights applied transposed.
import numpy as np


def rnn_step(x, h_prev, Wx, Wh, b):
    x, h_prev, Wx, Wh, b = (np.asarray(a, dtype=float) for a in (x, h_prev, Wx, Wh, b))
    if x.ndim != 2 or h_prev.ndim != 2 or len(x) != len(h_prev):
        raise ValueError("x/h_prev")
    if Wx.shape != (x.shape[1], h_prev.shape[1]) or Wh.shape != (h_prev.shape[1],) * 2:
        raise ValueError("weights")
    if b.shape != (h_prev.shape[1],):
        raise ValueError("b")
    return np.tanh(x @ Wx + h_prev @ Wh.T + b)
