"""L1, L2 and max norms of a vector."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, require, vec


def _ints(rng: np.random.Generator, low: int, high: int, size: int | tuple[int, ...]) -> np.ndarray:
    return rng.integers(low, high + 1, size=size)


def generate(rng: np.random.Generator) -> dict[str, Any]:
    v = _ints(rng, -7, 7, 4)
    require(np.count_nonzero(v) >= 3)
    l1, l2, linf = float(np.abs(v).sum()), float(np.linalg.norm(v)), float(np.abs(v).max())
    squares = " + ".join(str(int(x * x)) for x in v)
    return dict(
        params={"v": v},
        prompt=f"For $$\\mathbf v = {vec(v)}$$ give "
        "$[\\lVert\\mathbf v\\rVert_1, \\lVert\\mathbf v\\rVert_2, "
        "\\lVert\\mathbf v\\rVert_\\infty]$ as a vector of three numbers. "
        "`sqrt(...)` is fine for the $L_2$ norm. Each entry earns a third of the points.",
        answer=answer([l1, l2, linf], mode="relative", tol=1e-3, partial=True),
        solution=f"- $L_1$: sum of absolute values, $\\lVert\\mathbf v\\rVert_1 = {num(l1)}$.\n"
        f"- $L_2$: square root of the sum of squares, $\\sqrt{{{squares}}} = "
        f"\\sqrt{{{int(v @ v)}}} \\approx {num(l2)}$.\n"
        f"- $L_\\infty$: the largest absolute value, ${num(linf)}$.\n\n"
        f"Answer: `[{num(l1)}, {num(l2)}, {num(linf)}]`.",
    )
