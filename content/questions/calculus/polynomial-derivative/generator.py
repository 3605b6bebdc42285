"""Derivative of a polynomial at a point."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, paren, poly, require


def _nonzero(rng: np.random.Generator, low: int, high: int) -> int:
    value = 0
    while value == 0:
        value = int(rng.integers(low, high + 1))
    return value


def generate(rng: np.random.Generator) -> dict[str, Any]:
    c = [_nonzero(rng, -4, 4), *(int(x) for x in rng.integers(-6, 7, 3))]
    x0 = _nonzero(rng, -3, 3)
    d = [3 * c[0], 2 * c[1], c[2]]
    value = d[0] * x0**2 + d[1] * x0 + d[2]
    require(value != 0)
    return dict(
        params={"coefficients": c, "x0": x0},
        prompt=f"Let $f(x) = {poly(c)}$. Compute $f'({x0})$.",
        answer=answer(value, mode="exact"),
        solution="Differentiate term by term with the power rule $\\frac{d}{dx}x^n = "
        f"nx^{{n-1}}$:\n\n$$f'(x) = {poly(d)}.$$\n\n"
        f"$$f'({x0}) = {num(d[0])}\\cdot{paren(x0)}^2 + {paren(d[1])}\\cdot{paren(x0)} + "
        f"{paren(d[2])} = {value}.$$",
    )
