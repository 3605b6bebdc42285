from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _xw(rng: np.random.Generator, c: int, h: int, wd: int, f: int, kh: int, kw: int) -> tuple:
    return rng.normal(size=(c, h, wd)), rng.normal(size=(f, c, kh, kw))


def cases(rng: np.random.Generator) -> list[Case]:
    x = np.arange(16.0).reshape(1, 4, 4)
    edge = np.array([[[[1.0, 0.0], [0.0, -1.0]]]])  # one filter, one channel, 2x2
    blur = np.full((1, 1, 3, 3), 1.0 / 9.0)
    hidden = [
        Case(f"hidden: C={c}, {h}x{wd}, F={f}, kernel {kh}x{kw}, stride {s}, {pad}",
             args=_xw(rng, c, h, wd, f, kh, kw), kwargs={"stride": s, "padding": pad})
        for c, h, wd, f, kh, kw, s, pad in [
            (1, 5, 5, 1, 3, 3, 1, "valid"),
            (3, 8, 7, 4, 3, 3, 1, "same"),
            (2, 9, 9, 3, 3, 3, 2, "valid"),   # (9 - 3) / 2 is whole
            (2, 10, 10, 3, 3, 3, 2, "valid"),  # (10 - 3) / 2 is not: floor
            (3, 11, 8, 2, 5, 3, 3, "same"),
            (4, 16, 16, 8, 1, 1, 1, "valid"),
            (2, 12, 13, 2, 2, 4, 2, "valid"),
            (3, 20, 20, 6, 5, 5, 2, "same"),
        ]
    ]
    return [
        Case("example: 4x4 image, 2x2 diagonal difference, valid", args=(x, edge), visible=True),
        Case("example: 4x4 image, 3x3 mean filter, same padding", args=(x, blur),
             kwargs={"padding": "same"}, visible=True),
        Case("example: 4x4 image, 2x2 kernel, stride 2", args=(x, edge), kwargs={"stride": 2},
             visible=True),
        *hidden,
        Case("edge: kernel as large as the input", args=_xw(rng, 2, 5, 4, 3, 5, 4), kind="edge"),
        Case("edge: stride larger than the kernel", args=_xw(rng, 1, 10, 10, 2, 2, 2),
             kwargs={"stride": 3}, kind="edge"),
        Case("edge: x has 2 channels, w expects 3", args=(np.ones((2, 5, 5)), np.ones((1, 3, 3, 3))),
             raises=ValueError, kind="edge", reason="2 input channels for filters made for 3"),
        Case("edge: x is 2-D", args=(np.ones((5, 5)), np.ones((1, 1, 3, 3))), raises=ValueError,
             kind="edge", reason="a 2-D x (it must be (C, H, W))"),
        Case("edge: w is 3-D", args=(np.ones((1, 5, 5)), np.ones((1, 3, 3))), raises=ValueError,
             kind="edge", reason="a 3-D w (it must be (F, C, kh, kw))"),
        Case("edge: stride 0", args=(np.ones((1, 5, 5)), np.ones((1, 1, 3, 3))),
             kwargs={"stride": 0}, raises=ValueError, kind="edge", reason="stride 0"),
        Case("edge: padding 'full'", args=(np.ones((1, 5, 5)), np.ones((1, 1, 3, 3))),
             kwargs={"padding": "full"}, raises=ValueError, kind="edge",
             reason="an unknown padding mode"),
        Case("edge: even kernel with same padding", args=(np.ones((1, 5, 5)), np.ones((1, 1, 2, 3))),
             kwargs={"padding": "same"}, raises=ValueError, kind="edge",
             reason="a 2x3 kernel with 'same' padding"),
        Case("edge: kernel larger than the input", args=(np.ones((1, 3, 5)), np.ones((1, 1, 4, 3))),
             raises=ValueError, kind="edge", reason="a 4-row kernel on a 3-row input"),
    ]


def _loop(x, w, stride=1, padding="valid", *, flip=False, no_stride_sum=False):
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    if flip:
        w = w[:, :, ::-1, ::-1]
    kh, kw = w.shape[2:]
    p = ((kh - 1) // 2, (kw - 1) // 2) if padding == "same" else (0, 0)
    xp = np.pad(x, ((0, 0), (p[0], p[0]), (p[1], p[1])))
    ho = (xp.shape[1] - kh) // stride + 1
    wo = (xp.shape[2] - kw) // stride + 1
    out = np.zeros((w.shape[0], ho, wo))
    for i in range(ho):
        for j in range(wo):
            win = xp[:, i * stride:i * stride + kh, j * stride:j * stride + kw]
            if no_stride_sum:
                out[:, i, j] = (w[:, 0] * win[0]).sum(axis=(1, 2))
            else:
                out[:, i, j] = (w * win).sum(axis=(1, 2, 3))
    return out


MISTAKES = [
    Mistake(
        "flipped kernel (true convolution)",
        wrong=lambda x, w, stride=1, padding="valid": _loop(x, w, stride, padding, flip=True),
        hint="You flipped the kernel, which is the mathematical convolution. Deep-learning "
        "layers compute the cross-correlation: w[f, c, a, b] multiplies "
        "x[c, i*stride + a, j*stride + b] with no flip.",
    ),
    Mistake(
        "only the first channel",
        wrong=lambda x, w, stride=1, padding="valid": _loop(x, w, stride, padding,
                                                            no_stride_sum=True),
        hint="Each filter sees every input channel: sum the products over c as well as over "
        "the kernel's rows and columns.",
    ),
]
