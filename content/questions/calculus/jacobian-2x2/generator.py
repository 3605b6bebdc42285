"""Jacobian of a map from R^2 to R^2."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, mat, terms


def _nonzero(rng: np.random.Generator, low: int, high: int) -> int:
    value = 0
    while value == 0:
        value = int(rng.integers(low, high + 1))
    return value


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a, b = _nonzero(rng, -3, 3), _nonzero(rng, -3, 3)
    x0, y0 = _nonzero(rng, -2, 2), _nonzero(rng, -2, 2)
    # F(x, y) = (a x^2 y, b x + y^3)
    J = np.array([[2 * a * x0 * y0, a * x0**2], [b, 3 * y0**2]])
    return dict(
        params={"a": a, "b": b, "point": [x0, y0]},
        prompt=f"Let $F(x, y) = \\big({terms([(a, 'x^2y')])},\\; {terms([(b, 'x'), (1, 'y^3')])}"
        "\\big)$. Compute the Jacobian "
        f"$J_F$ at $({x0}, {y0})$ as a $2\\times2$ matrix `[[..], [..]]` (row $i$ holds the "
        "partial derivatives of component $i$). Each entry earns a quarter.",
        answer=answer(J.tolist(), mode="exact", partial=True),
        solution="Row 1 differentiates $F_1 = "
        f"{terms([(a, 'x^2y')])}$: $({terms([(2 * a, 'xy')])},\\; {terms([(a, 'x^2')])})$. "
        f"Row 2 differentiates $F_2 = {terms([(b, 'x'), (1, 'y^3')])}$: "
        f"$({b},\\; 3y^2)$.\n\nAt $({x0}, {y0})$: $$J_F = {mat(J)}.$$",
    )
