from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    x = np.array([[[1.0, 3.0, 2.0, 0.0], [4.0, 2.0, 1.0, 5.0],
                   [0.0, 1.0, 3.0, 2.0], [6.0, 2.0, 4.0, 1.0]]])
    hidden = [
        Case(f"hidden: C={c}, {h}x{w}, size {k}, stride {s}",
             args=(rng.normal(size=(c, h, w)), k), kwargs={} if s is None else {"stride": s})
        for c, h, w, k, s in [(1, 6, 6, 2, None), (3, 8, 8, 2, 2), (2, 7, 9, 3, 2),
                              (4, 9, 9, 3, None), (2, 10, 7, 2, 1), (3, 16, 16, 4, 4)]
    ]
    return [
        Case("example: 4x4, 2x2 windows", args=(x, 2), visible=True),
        Case("example: 4x4, 3x3 windows, stride 1", args=(x, 3), kwargs={"stride": 1},
             visible=True),
        *hidden,
        Case("edge: every value negative", args=(-1.0 - rng.random(size=(2, 6, 6)), 2), kind="edge"),
        Case("edge: 5x5 with 2x2 windows drops the last row and column",
             args=(rng.normal(size=(1, 5, 5)), 2), kind="edge"),
        Case("edge: window as large as the image", args=(rng.normal(size=(3, 4, 4)), 4),
             kind="edge"),
        Case("edge: size 1 copies the input", args=(rng.normal(size=(2, 3, 3)), 1), kind="edge"),
        Case("edge: integer input", args=(np.arange(32).reshape(2, 4, 4), 2), kind="edge"),
        Case("edge: x is 2-D", args=(np.ones((4, 4)), 2), raises=ValueError, kind="edge",
             reason="a 2-D x (it must be (C, H, W))"),
        Case("edge: size 0", args=(np.ones((1, 4, 4)), 0), raises=ValueError, kind="edge",
             reason="a window of size 0"),
        Case("edge: stride 0", args=(np.ones((1, 4, 4)), 2), kwargs={"stride": 0},
             raises=ValueError, kind="edge", reason="stride 0"),
        Case("edge: window wider than the image", args=(np.ones((1, 6, 3)), 4), raises=ValueError,
             kind="edge", reason="a 4x4 window on a 6x3 image"),
    ]


def _pool(x, size, stride=None, *, reduce=np.max, floor=None):
    x = np.asarray(x, dtype=float)
    s = size if stride is None else stride
    c, h, w = x.shape
    ho, wo = (h - size) // s + 1, (w - size) // s + 1
    out = np.empty((c, ho, wo))
    for i in range(ho):
        for j in range(wo):
            out[:, i, j] = reduce(x[:, i * s:i * s + size, j * s:j * s + size], axis=(1, 2))
    return out if floor is None else np.maximum(out, floor)


MISTAKES = [
    Mistake(
        "average pooling",
        wrong=lambda x, size, stride=None: _pool(x, size, stride, reduce=np.mean),
        hint="That is average pooling: take the maximum of each window, not its mean.",
    ),
    Mistake(
        "running maximum started at 0",
        wrong=lambda x, size, stride=None: _pool(x, size, stride, floor=0.0),
        hint="Windows of negative numbers came out as 0: start the running maximum at -inf "
        "(or at the window's first entry), not at 0.",
    ),
]
