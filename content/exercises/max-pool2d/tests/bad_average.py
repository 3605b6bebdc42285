# Classic mistake: average pooling instead of max pooling.
import numpy as np


def max_pool2d(x, size, stride=None):
    x = np.asarray(x, dtype=float)
    s = size if stride is None else stride
    if x.ndim != 3 or size < 1 or s < 1 or size > min(x.shape[1:]):
        raise ValueError("bad input")
    C, H, W = x.shape
    Ho, Wo = (H - size) // s + 1, (W - size) // s + 1
    out = np.zeros((C, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, i, j] = x[:, i * s:i * s + size, j * s:j * s + size].mean(axis=(1, 2))
    return out
