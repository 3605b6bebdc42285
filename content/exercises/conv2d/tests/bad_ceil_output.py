# Classic mistake: output size rounded up, ceil((H + 2p - k) / s) + 1, so when the stride does
# not divide H + 2p - k the last window hangs over the edge (here: it is zero-padded).
import math

import numpy as np


def conv2d(x, w, stride=1, padding="valid"):
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    if x.ndim != 3 or w.ndim != 4 or x.shape[0] != w.shape[1] or stride < 1:
        raise ValueError("bad")
    F, _, kh, kw = w.shape
    if padding == "same":
        if kh % 2 == 0 or kw % 2 == 0:
            raise ValueError("even")
        x = np.pad(x, ((0, 0), (kh // 2, kh // 2), (kw // 2, kw // 2)))
    elif padding != "valid":
        raise ValueError("padding")
    if x.shape[1] < kh or x.shape[2] < kw:
        raise ValueError("too large")
    Ho = math.ceil((x.shape[1] - kh) / stride) + 1
    Wo = math.ceil((x.shape[2] - kw) / stride) + 1
    x = np.pad(x, ((0, 0), (0, stride), (0, stride)))
    out = np.zeros((F, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, i, j] = (w * x[:, i * stride:i * stride + kh, j * stride:j * stride + kw]).sum(
                axis=(1, 2, 3))
    return out
