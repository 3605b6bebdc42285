# Classic mistake: the textbook convolution (kernel flipped), not the cross-correlation.
import numpy as np


def conv2d(x, w, stride=1, padding="valid"):
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)[:, :, ::-1, ::-1]
    if x.ndim != 3 or w.ndim != 4 or x.shape[0] != w.shape[1] or stride < 1:
        raise ValueError("bad")
    F, _, kh, kw = w.shape
    if padding == "same":
        if kh % 2 == 0 or kw % 2 == 0:
            raise ValueError("even")
        x = np.pad(x, ((0, 0), (kh // 2, kh // 2), (kw // 2, kw // 2)))
    elif padding != "valid":
        raise ValueError("padding")
    Ho, Wo = (x.shape[1] - kh) // stride + 1, (x.shape[2] - kw) // stride + 1
    if Ho < 1 or Wo < 1:
        raise ValueError("too large")
    out = np.zeros((F, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            out[:, i, j] = (w * x[:, i * stride:i * stride + kh, j * stride:j * stride + kw]).sum(
                axis=(1, 2, 3))
    return out
