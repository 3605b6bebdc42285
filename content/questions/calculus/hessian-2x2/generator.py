"""Hessian of a function of two variables."""

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
    a, b, c = (_nonzero(rng, -3, 3) for _ in range(3))
    x0, y0 = (int(v) for v in rng.integers(-2, 3, 2))
    # f = a x^3 + b x^2 y + c y^2
    H = np.array([[6 * a * x0 + 2 * b * y0, 2 * b * x0], [2 * b * x0, 2 * c]])
    return dict(
        params={"a": a, "b": b, "c": c, "point": [x0, y0]},
        prompt=f"Let $f(x, y) = {terms([(a, 'x^3'), (b, 'x^2y'), (c, 'y^2')])}$. "
        "Compute the Hessian "
        f"matrix of $f$ at $({x0}, {y0})$ as `[[fxx, fxy], [fyx, fyy]]`. Each entry earns a "
        "quarter.",
        answer=answer(H.tolist(), mode="exact", partial=True),
        solution="The Hessian holds the second partial derivatives:\n\n"
        f"$$f_{{xx}} = {terms([(6 * a, 'x'), (2 * b, 'y')])},\\quad f_{{xy}} = f_{{yx}} = "
        f"{terms([(2 * b, 'x')])},\\quad "
        f"f_{{yy}} = {2 * c}.$$\n\nAt $({x0}, {y0})$: $$H = {mat(H)}.$$ It is symmetric "
        "because mixed partials commute for smooth functions.",
    )
