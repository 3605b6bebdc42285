"""Dot product of two vectors."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, paren, require, vec


def _ints(rng: np.random.Generator, low: int, high: int, size: int | tuple[int, ...]) -> np.ndarray:
    return rng.integers(low, high + 1, size=size)


def generate(rng: np.random.Generator) -> dict[str, Any]:
    n = int(rng.integers(3, 5))
    a, b = _ints(rng, -6, 6, n), _ints(rng, -6, 6, n)
    value = int(a @ b)
    require(value != 0)
    terms = " + ".join(f"{paren(x)}\\cdot{paren(y)}" for x, y in zip(a, b, strict=True))
    products = " + ".join(paren(x * y) for x, y in zip(a, b, strict=True))
    return dict(
        params={"a": a, "b": b},
        prompt=f"Compute the dot product $\\mathbf a\\cdot\\mathbf b$ of\n\n"
        f"$$\\mathbf a = {vec(a)},\\qquad \\mathbf b = {vec(b)}.$$",
        answer=answer(value, mode="exact"),
        solution=f"Multiply matching components and add them up:\n\n"
        f"$$\\mathbf a\\cdot\\mathbf b = {terms} = {products} = {value}.$$",
    )
