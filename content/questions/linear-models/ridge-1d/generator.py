"""Ridge regression with one feature."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, require, rowvec


def generate(rng: np.random.Generator) -> dict[str, Any]:
    x = rng.integers(-4, 5, 4).astype(float)
    y = rng.integers(-6, 7, 4).astype(float)
    lam = float(rng.choice([0.5, 1, 2, 5]))
    sxx, sxy = float(x @ x), float(x @ y)
    require(sxx > 0 and abs(sxy) > 0)
    w = sxy / (sxx + lam)
    return dict(
        params={"x": x, "y": y, "lambda": lam},
        prompt=f"Fit $y \\approx wx$ (no intercept) to $x = {rowvec(x)}$, $y = {rowvec(y)}$ "
        f"by ridge regression, minimising $\\sum_i (y_i - wx_i)^2 + \\lambda w^2$ with "
        f"$\\lambda = {num(lam)}$. What is $w$?",
        answer=answer(w, mode="relative", tol=1e-3),
        solution="Setting the derivative $-2\\sum x_i(y_i - wx_i) + 2\\lambda w$ to zero gives "
        "$w = \\dfrac{\\sum x_iy_i}{\\sum x_i^2 + \\lambda}$:\n\n"
        f"$$w = \\frac{{{num(sxy)}}}{{{num(sxx)} + {num(lam)}}} \\approx {num(w)}.$$\n\n"
        f"Ordinary least squares would give ${num(sxy / sxx)}$; the penalty shrinks $w$ "
        "toward 0.",
    )
