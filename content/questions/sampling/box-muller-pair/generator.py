"""Two standard normal draws from two uniforms by Box-Muller."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from questionlib import answer, feedback, num, require, rowvec


def generate(rng: np.random.Generator) -> dict[str, Any]:
    u1 = int(rng.integers(5, 96)) / 100
    u2 = int(rng.integers(1, 100)) / 100
    radius = math.sqrt(-2 * math.log(1 - u1))
    angle = 2 * math.pi * u2
    z = np.array([radius * math.cos(angle), radius * math.sin(angle)])
    # each entry well away from 0, so missing the factor 2 changes both beyond the tolerance
    require(np.all(np.abs(z) > 0.02))
    short = z / math.sqrt(2)
    return dict(
        params={"u1": u1, "u2": u2},
        prompt=f"Turn the uniform draws $u_1 = {num(u1)}$ and $u_2 = {num(u2)}$ into two "
        "independent standard normal draws with the Box–Muller transform: the squared radius "
        "$R^2 = Z_1^2 + Z_2^2$ is exponential with mean $2$ and is sampled from $u_1$ by the "
        "inverse transform $F^{-1}(u_1)$, the angle is $\\Theta = 2\\pi u_2$. Give "
        "$(Z_1, Z_2) = (R\\cos\\Theta, R\\sin\\Theta)$ as `[z1, z2]`; each earns half.",
        answer=answer(z.tolist(), mode="absolute", tol=1e-3, partial=True),
        feedback=[
            feedback(
                "missing-factor-2",
                short.tolist(),
                "Your pair is too short by a factor √2. R² has mean 2, so "
                "R = sqrt(-2 ln(1 - u1)), not sqrt(-ln(1 - u1)).",
            ),
        ],
        solution="An exponential with mean $2$ has CDF $1 - e^{-r^2/2}$, so "
        "$R = \\sqrt{-2\\ln(1 - u_1)}$:\n\n"
        f"$$R = \\sqrt{{-2\\ln(1 - {num(u1)})}} = \\sqrt{{{num(radius**2, 6)}}} = "
        f"{num(radius, 6)}, \\qquad \\Theta = 2\\pi\\cdot{num(u2)} = {num(angle, 6)}.$$\n\n"
        f"$$(Z_1, Z_2) = ({num(radius, 6)}\\cos {num(angle, 6)},\\ {num(radius, 6)}"
        f"\\sin {num(angle, 6)}) = {rowvec(z)}.$$",
    )
