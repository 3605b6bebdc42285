"""Gradient of a quadratic in two variables."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, require, terms, vec


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a, b, c, d, e = (int(v) for v in rng.integers(-4, 5, 5))
    require(a != 0 and c != 0)
    x0, y0 = (int(v) for v in rng.integers(-3, 4, 2))
    gx = 2 * a * x0 + b * y0 + d
    gy = b * x0 + 2 * c * y0 + e
    require(gx != 0 or gy != 0)
    f = terms([(a, "x^2"), (b, "xy"), (c, "y^2"), (d, "x"), (e, "y")])
    return dict(
        params={"coefficients": [a, b, c, d, e], "point": [x0, y0]},
        prompt=f"Let $f(x, y) = {f}$. Compute the gradient $\\nabla f$ at "
        f"$({x0}, {y0})$ as `[df/dx, df/dy]`. Each component earns half.",
        answer=answer([gx, gy], mode="exact", partial=True),
        solution="The gradient collects the partial derivatives:\n\n"
        f"$$\\frac{{\\partial f}}{{\\partial x}} = {terms([(2 * a, 'x'), (b, 'y'), (d, '')])},"
        f"\\qquad \\frac{{\\partial f}}{{\\partial y}} = {terms([(b, 'x'), (2 * c, 'y'), (e, '')])}"
        ".$$\n\n"
        f"At $({x0}, {y0})$: $$\\nabla f = {vec([gx, gy])}.$$ It points in the direction of "
        "steepest increase; gradient descent steps the opposite way.",
    )
