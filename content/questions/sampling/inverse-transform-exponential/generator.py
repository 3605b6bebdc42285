"""Inverse-transform sampling of an exponential waiting time."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from questionlib import answer, feedback, num, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    rate = float(rng.choice([0.25, 0.5, 1.5, 2, 3, 4]))
    u = int(rng.integers(5, 96)) / 100
    require(abs(u - 0.5) > 0.06)  # ln(1 - u) and ln(u) far apart
    x = -math.log(1 - u) / rate
    used_u = -math.log(u) / rate
    rate_as_mean = -math.log(1 - u) * rate
    require(abs(used_u - rate_as_mean) > 0.01 * max(used_u, rate_as_mean))
    return dict(
        params={"rate": rate, "u": u},
        prompt=f"Waiting times are exponential with rate $\\lambda = {num(rate)}$ (density "
        f"$\\lambda e^{{-\\lambda x}}$ for $x \\ge 0$, mean $1/\\lambda$). Turn the uniform draw "
        f"$u = {num(u)}$ into a waiting time by inverse-transform sampling, $x = F^{{-1}}(u)$.",
        answer=answer(x, mode="relative", tol=1e-3),
        feedback=[
            feedback(
                "used-u",
                used_u,
                "You computed -ln(u)/λ, which is F⁻¹(1 - u): it has the right distribution, "
                "but it is not F⁻¹(u). Solve u = 1 - e^(-λx) for x.",
                credit=0.5,
            ),
            feedback(
                "rate-as-mean",
                rate_as_mean,
                "You multiplied by λ. λ is the rate, the mean is 1/λ: divide by λ.",
            ),
        ],
        solution="The CDF is $F(x) = 1 - e^{-\\lambda x}$. Solving $u = 1 - e^{-\\lambda x}$ "
        "gives $x = F^{-1}(u) = -\\ln(1 - u)/\\lambda$, so\n\n"
        f"$$x = -\\frac{{\\ln(1 - {num(u)})}}{{{num(rate)}}} = "
        f"\\frac{{{num(-math.log(1 - u), 6)}}}{{{num(rate)}}} = {num(x)}.$$\n\n"
        "A larger $u$ gives a longer wait, as $F^{-1}$ must be increasing.",
    )
