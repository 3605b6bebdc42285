"""Determinant of a 3x3 matrix."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, mat, paren, require


def _ints(rng: np.random.Generator, low: int, high: int, size: int | tuple[int, ...]) -> np.ndarray:
    return rng.integers(low, high + 1, size=size)


def generate(rng: np.random.Generator) -> dict[str, Any]:
    A = _ints(rng, -3, 3, (3, 3))
    value = round(np.linalg.det(A))
    require(value != 0)
    minors = []
    for j in range(3):
        sub = np.delete(A[1:], j, axis=1)
        minors.append(int(sub[0, 0] * sub[1, 1] - sub[0, 1] * sub[1, 0]))
    signs = ["+", "-", "+"]
    expansion = " ".join(
        f"{signs[j]} {paren(A[0, j])}\\cdot{paren(minors[j])}" for j in range(3)
    ).lstrip("+ ")
    return dict(
        params={"A": A},
        prompt=f"Compute $\\det A$ for $$A = {mat(A)}.$$",
        answer=answer(value, mode="exact"),
        solution="Expand along the first row. Each entry multiplies the determinant of the "
        "$2\\times2$ minor left after deleting its row and column, with alternating signs "
        "$+,-,+$:\n\n"
        f"$$\\det A = {expansion} = {value}.$$\n\n"
        f"The minors are ${', '.join(str(m) for m in minors)}$.",
    )
