"""One entry of a matrix product."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, mat, paren, require


def _ints(rng: np.random.Generator, low: int, high: int, size: int | tuple[int, ...]) -> np.ndarray:
    return rng.integers(low, high + 1, size=size)


def generate(rng: np.random.Generator) -> dict[str, Any]:
    A, B = _ints(rng, -4, 4, (2, 3)), _ints(rng, -4, 4, (3, 2))
    i, j = int(rng.integers(0, 2)), int(rng.integers(0, 2))
    C = A @ B
    value = int(C[i, j])
    require(value != 0)
    row, col = A[i], B[:, j]
    terms = " + ".join(f"{paren(x)}\\cdot{paren(y)}" for x, y in zip(row, col, strict=True))
    return dict(
        params={"A": A, "B": B, "i": i + 1, "j": j + 1},
        prompt=f"Let $$A = {mat(A)},\\qquad B = {mat(B)}.$$\n\n"
        f"What is the entry in row {i + 1}, column {j + 1} of the product $AB$?",
        answer=answer(value, mode="exact"),
        solution=f"Entry $(AB)_{{{i + 1}{j + 1}}}$ is row {i + 1} of $A$ dotted with column "
        f"{j + 1} of $B$:\n\n$$(AB)_{{{i + 1}{j + 1}}} = {terms} = {value}.$$\n\n"
        f"The full product is $$AB = {mat(C)}.$$",
    )
