from __future__ import annotations

import numpy as np


def rnn_step(
    x: np.ndarray, h_prev: np.ndarray, Wx: np.ndarray, Wh: np.ndarray, b: np.ndarray
) -> np.ndarray:
    x, h_prev, Wx, Wh, b = (np.asarray(a, dtype=float) for a in (x, h_prev, Wx, Wh, b))
    if x.ndim != 2 or h_prev.ndim != 2 or x.shape[0] != h_prev.shape[0]:
        raise ValueError(f"x {x.shape} and h_prev {h_prev.shape} must be 2-D with equal rows")
    d, h = x.shape[1], h_prev.shape[1]
    if Wx.shape != (d, h) or Wh.shape != (h, h) or b.shape != (h,):
        raise ValueError(
            f"need Wx ({d}, {h}), Wh ({h}, {h}), b ({h},); got {Wx.shape}, {Wh.shape}, {b.shape}"
        )
    return np.tanh(x @ Wx + h_prev @ Wh + b)
