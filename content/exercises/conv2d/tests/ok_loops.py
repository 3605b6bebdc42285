# Correct: the definition, one output pixel at a time.
import numpy as np


def conv2d(x, w, stride=1, padding="valid"):
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    if x.ndim != 3 or w.ndim != 4:
        raise ValueError("dims")
    if w.shape[1] != x.shape[0]:
        raise ValueError("channels")
    if stride < 1:
        raise ValueError("stride")
    F, _, kh, kw = w.shape
    if padding == "same":
        if kh % 2 == 0 or kw % 2 == 0:
            raise ValueError("even kernel")
        x = np.pad(x, ((0, 0), (kh // 2, kh // 2), (kw // 2, kw // 2)))
    elif padding != "valid":
        raise ValueError("padding")
    _, H, W = x.shape
    if kh > H or kw > W:
        raise ValueError("kernel too large")
    Ho = (H - kh) // stride + 1
    Wo = (W - kw) // stride + 1
    out = np.zeros((F, Ho, Wo))
    for f in range(F):
        for i in range(Ho):
            for j in range(Wo):
                r, c = i * stride, j * stride
                out[f, i, j] = np.sum(x[:, r:r + kh, c:c + kw] * w[f])
    return out
