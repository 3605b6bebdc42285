"""Pearson correlation."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, require


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
    require(np.ptp(y) > 0)
    dx, dy = x - x.mean(), y - y.mean()
    sxy, sxx, syy = float(dx @ dy), float(dx @ dx), float(dy @ dy)
    value = sxy / np.sqrt(sxx * syy)
    require(abs(value) > 0.05)
    return dict(
        params={"x": x, "y": y},
        prompt=f"Paired observations: $x = ({_listing(x)})$, $y = ({_listing(y)})$. Compute "
        "the Pearson correlation coefficient $r$.",
        answer=answer(float(value), mode="absolute", tol=1e-3),
        solution="$r = \\dfrac{\\sum(x_i-\\bar x)(y_i-\\bar y)}{\\sqrt{\\sum(x_i-\\bar x)^2"
        "\\sum(y_i-\\bar y)^2}}$ (the $n-1$ factors cancel).\n\n"
        f"$\\bar x = {num(x.mean())}$, $\\bar y = {num(y.mean())}$, "
        f"$\\sum dx\\,dy = {num(sxy)}$, $\\sum dx^2 = {num(sxx)}$, $\\sum dy^2 = {num(syy)}$:\n\n"
        f"$$r = \\frac{{{num(sxy)}}}{{\\sqrt{{{num(sxx)}\\cdot{num(syy)}}}}} \\approx "
        f"{num(value)}.$$",
    )
