"""Partial derivative at a point."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, paren, require, terms


def _nonzero(rng: np.random.Generator, low: int, high: int) -> int:
    value = 0
    while value == 0:
        value = int(rng.integers(low, high + 1))
    return value


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a, b, c = (_nonzero(rng, -4, 4) for _ in range(3))
    x0, y0 = _nonzero(rng, -2, 2), _nonzero(rng, -2, 2)
    wrt = str(rng.choice(["x", "y"]))
    f = terms([(a, "x^2y"), (b, "xy^3"), (c, "y")])
    if wrt == "x":
        value = 2 * a * x0 * y0 + b * y0**3
        deriv = terms([(2 * a, "xy"), (b, "y^3")])
        sub = f"{2 * a}\\cdot{paren(x0)}\\cdot{paren(y0)} + {paren(b)}\\cdot{paren(y0)}^3"
    else:
        value = a * x0**2 + 3 * b * x0 * y0**2 + c
        deriv = terms([(a, "x^2"), (3 * b, "xy^2"), (c, "")])
        sub = (
            f"{a}\\cdot{paren(x0)}^2 + {paren(3 * b)}\\cdot{paren(x0)}\\cdot{paren(y0)}^2 + "
            f"{paren(c)}"
        )
    require(value != 0)
    return dict(
        params={"a": a, "b": b, "c": c, "point": [x0, y0], "wrt": wrt},
        prompt=f"Let $f(x, y) = {f}$. Compute $\\dfrac{{\\partial f}}{{\\partial {wrt}}}$ at "
        f"$(x, y) = ({x0}, {y0})$.",
        answer=answer(value, mode="exact"),
        solution=f"Differentiate with respect to ${wrt}$, treating the other variable as a "
        f"constant:\n\n$$\\frac{{\\partial f}}{{\\partial {wrt}}} = {deriv}.$$\n\n"
        f"At $({x0}, {y0})$: ${sub} = {value}$.",
    )
