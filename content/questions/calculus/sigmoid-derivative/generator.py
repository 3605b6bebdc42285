"""Derivative of the sigmoid."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from questionlib import answer, num


def generate(rng: np.random.Generator) -> dict[str, Any]:
    z = round(float(rng.uniform(-4, 4)), 2)
    s = 1 / (1 + math.exp(-z))
    value = s * (1 - s)
    return dict(
        params={"z": z},
        prompt="The logistic sigmoid is $\\sigma(z) = \\dfrac{1}{1+e^{-z}}$. Compute "
        f"$\\sigma'({num(z)})$.",
        answer=answer(value, mode="relative", tol=1e-3),
        solution="The sigmoid's derivative can be written with its own value: "
        "$\\sigma'(z) = \\sigma(z)\\,(1-\\sigma(z))$.\n\n"
        f"$\\sigma({num(z)}) = 1/(1+e^{{{num(-z)}}}) \\approx {num(s, 5)}$, so "
        f"$\\sigma'({num(z)}) \\approx {num(s, 5)}\\cdot{num(1 - s, 5)} \\approx "
        f"{num(value, 5)}$.\n\nIt is largest at $z=0$ ($0.25$) and vanishes for large "
        "$|z|$, the reason deep sigmoid networks suffer vanishing gradients.",
    )
