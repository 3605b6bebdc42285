"""Solve a 2x2 linear system."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, mat, num, require, vec


def _ints(rng: np.random.Generator, low: int, high: int, size: int | tuple[int, ...]) -> np.ndarray:
    return rng.integers(low, high + 1, size=size)


def generate(rng: np.random.Generator) -> dict[str, Any]:
    A = _ints(rng, -5, 5, (2, 2))
    x = _ints(rng, -4, 4, 2)
    det = round(np.linalg.det(A))
    require(det != 0 and np.count_nonzero(A) == 4 and np.any(x != 0))
    b = A @ x
    Ax = np.column_stack([b, A[:, 1]])
    Ay = np.column_stack([A[:, 0], b])
    dx, dy = round(np.linalg.det(Ax)), round(np.linalg.det(Ay))
    return dict(
        params={"A": A, "b": b},
        prompt=f"Solve $A\\mathbf x = \\mathbf b$ for $$A = {mat(A)},\\qquad "
        f"\\mathbf b = {vec(b)}.$$\n\nAnswer as `[x1, x2]`; each component earns half.",
        answer=answer(x.astype(float).tolist(), mode="absolute", tol=1e-3, partial=True),
        solution=f"By Cramer's rule, with $\\det A = {det}$, replace one column of $A$ by "
        f"$\\mathbf b$ at a time:\n\n$$x_1 = \\frac{{\\det{mat(Ax)}}}{{{det}}} = "
        f"\\frac{{{dx}}}{{{det}}} = {num(x[0])},\\qquad x_2 = \\frac{{\\det{mat(Ay)}}}{{{det}}} "
        f"= \\frac{{{dy}}}{{{det}}} = {num(x[1])}.$$\n\n"
        f"Check: $A{vec(x)} = {vec(b)}$.",
    )
