from __future__ import annotations

import numpy as np


def max_pool2d(x: np.ndarray, size: int, stride: int | None = None) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    if x.ndim != 3:
        raise ValueError(f"x must be (C, H, W), got shape {x.shape}")
    if stride is None:
        stride = size
    if size < 1 or stride < 1:
        raise ValueError(f"size and stride must be at least 1, got {size} and {stride}")
    c, h, w = x.shape
    if size > h or size > w:
        raise ValueError(f"a {size}x{size} window does not fit in a {h}x{w} image")
    h_out = (h - size) // stride + 1
    w_out = (w - size) // stride + 1
    out = np.full((c, h_out, w_out), -np.inf)
    for a in range(size):
        for b in range(size):
            patch = x[:, a : a + stride * (h_out - 1) + 1 : stride,
                      b : b + stride * (w_out - 1) + 1 : stride]  # fmt: skip
            np.maximum(out, patch, out=out)
    return out
