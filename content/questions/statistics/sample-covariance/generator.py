"""Sample covariance."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, num, require


def _listing(values: np.ndarray) -> str:
    return ", ".join(num(v) for v in values)


def _paired(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    n = 5
    x = rng.choice(np.arange(0, 11), size=n, replace=False).astype(float)
    slope = float(rng.choice([-2, -1, 1, 2]))
    y = slope * x + rng.integers(-4, 5, n)
    return x, y.astype(float)


def generate(rng: np.random.Generator) -> dict[str, Any]:
    x, y = _paired(rng)
    dx, dy = x - x.mean(), y - y.mean()
    sxy = float(dx @ dy)
    value = sxy / (len(x) - 1)
    require(abs(value) > 0.1)
    return dict(
        params={"x": x, "y": y},
        prompt=f"Paired observations: $x = ({_listing(x)})$, $y = ({_listing(y)})$. Compute "
        "the sample covariance (divide by $n-1$).",
        answer=answer(value, mode="relative", tol=1e-3),
        # n = 5: dividing by n instead of n - 1 is 20% off, far outside the tolerance.
        feedback=[
            feedback(
                "divided-by-n",
                sxy / len(x),
                "You divided by n. The sample covariance divides by n - 1 (Bessel's correction).",
                credit=0.5,
            ),
        ],
        solution=f"$\\bar x = {num(x.mean())}$, $\\bar y = {num(y.mean())}$. Deviations: "
        f"$x-\\bar x = ({_listing(dx)})$, $y - \\bar y = ({_listing(dy)})$. Sum of products "
        f"$= {num(sxy)}$, so\n\n$$s_{{xy}} = \\frac{{{num(sxy)}}}{{{len(x) - 1}}} = "
        f"{num(value)}.$$ (`np.cov(x, y)[0, 1]`)",
    )
