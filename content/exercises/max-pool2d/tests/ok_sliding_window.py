# Correct: sliding_window_view, strided, then one max over the window axes.
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def max_pool2d(x, size, stride=None):
    x = np.asarray(x, dtype=float)
    stride = size if stride is None else stride
    if x.ndim != 3 or size < 1 or stride < 1 or size > min(x.shape[1:]):
        raise ValueError("bad input")
    win = sliding_window_view(x, (size, size), axis=(1, 2))
    return win[:, ::stride, ::stride].max(axis=(3, 4))
