"""Determinant of a 2x2 matrix."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, mat, num, paren, require


def _ints(rng: np.random.Generator, low: int, high: int, size: int | tuple[int, ...]) -> np.ndarray:
    return rng.integers(low, high + 1, size=size)


def generate(rng: np.random.Generator) -> dict[str, Any]:
    A = _ints(rng, -9, 9, (2, 2))
    (a, b), (c, d) = A
    value = int(a * d - b * c)
    require(value != 0)
    return dict(
        params={"A": A},
        prompt=f"Compute $\\det A$ for $$A = {mat(A)}.$$",
        answer=answer(value, mode="exact"),
        solution=f"For a $2\\times2$ matrix $\\det\\begin{{bmatrix}} a & b \\\\ c & d "
        f"\\end{{bmatrix}} = ad - bc$, so\n\n$$\\det A = {paren(a)}\\cdot{paren(d)} - "
        f"{paren(b)}\\cdot{paren(c)} = {num(a * d)} - {paren(b * c)} = {value}.$$",
    )
