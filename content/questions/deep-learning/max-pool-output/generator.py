"""The output of a 2-D max pooling layer."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, mat

# (rows, cols, window, stride)
_SHAPES = [(4, 4, 2, 2), (4, 6, 2, 2), (3, 3, 2, 1), (5, 5, 3, 2), (3, 4, 2, 1)]


def generate(rng: np.random.Generator) -> dict[str, Any]:
    rows, cols, k, s = _SHAPES[int(rng.integers(len(_SHAPES)))]
    x = rng.integers(-9, 10, (rows, cols))
    out_r, out_c = (rows - k) // s + 1, (cols - k) // s + 1
    out = np.array(
        [[x[i * s : i * s + k, j * s : j * s + k].max() for j in range(out_c)] for i in range(out_r)]
    )
    lines = [
        f"- $[{i}, {j}]$: rows {i * s}–{i * s + k - 1}, columns {j * s}–{j * s + k - 1}: "
        f"$\\max = {out[i, j]}$"
        for i in range(out_r)
        for j in range(out_c)
    ]
    overlap = " (the windows overlap)" if s < k else ""
    return dict(
        params={"x": x, "k": k, "s": s},
        prompt=f"Apply max pooling with ${k}\\times{k}$ windows and stride {s} (no padding) to "
        f"$$x = {mat(x)}.$$ Give the output as a matrix `[[...], ...]`; each entry earns its "
        "share.",
        answer=answer(out, mode="exact", partial=True),
        solution=f"The output has $\\lfloor ({rows} - {k})/{s} \\rfloor + 1 = {out_r}$ rows "
        f"and $\\lfloor ({cols} - {k})/{s} \\rfloor + 1 = {out_c}$ columns{overlap}. Each "
        "entry is the largest value of its window (negative values included: the maximum of "
        "an all-negative window is negative):\n\n" + "\n".join(lines) + f"\n\n$$\\text{{out}} = {mat(out)}.$$",
    )
