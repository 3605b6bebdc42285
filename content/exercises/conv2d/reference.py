from __future__ import annotations

import numpy as np


def conv2d(x: np.ndarray, w: np.ndarray, stride: int = 1, padding: str = "valid") -> np.ndarray:
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    if x.ndim != 3 or w.ndim != 4:
        raise ValueError(f"x must be (C, H, W) and w (F, C, kh, kw); got {x.shape}, {w.shape}")
    c, h, wd = x.shape
    f, cw, kh, kw = w.shape
    if cw != c:
        raise ValueError(f"x has {c} channels, the filters expect {cw}")
    if stride < 1:
        raise ValueError(f"stride must be at least 1, got {stride}")
    if padding == "valid":
        ph = pw = 0
    elif padding == "same":
        if kh % 2 == 0 or kw % 2 == 0:
            raise ValueError("'same' padding needs odd kernel sizes")
        ph, pw = (kh - 1) // 2, (kw - 1) // 2
    else:
        raise ValueError(f"padding must be 'valid' or 'same', got {padding!r}")
    h_out = (h + 2 * ph - kh) // stride + 1
    w_out = (wd + 2 * pw - kw) // stride + 1
    if h_out < 1 or w_out < 1:
        raise ValueError("the kernel is larger than the padded input")
    xp = np.pad(x, ((0, 0), (ph, ph), (pw, pw)))
    out = np.zeros((f, h_out, w_out))
    for a in range(kh):
        for b in range(kw):
            # every output's input pixel at kernel offset (a, b): shape (C, h_out, w_out)
            patch = xp[:, a : a + stride * (h_out - 1) + 1 : stride,
                       b : b + stride * (w_out - 1) + 1 : stride]  # fmt: skip
            out += np.tensordot(w[:, :, a, b], patch, axes=(1, 0))
    return out
