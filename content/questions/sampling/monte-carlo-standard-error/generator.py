"""The standard error of a Monte Carlo average and its 95% interval."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from questionlib import answer, feedback, num, require, rowvec


def generate(rng: np.random.Generator) -> dict[str, Any]:
    n = int(rng.integers(6, 11))
    values = rng.integers(0, 41, n) / 10  # f(x_i) with one decimal
    s = float(values.std(ddof=1))
    require(s > 0.1)
    se = s / math.sqrt(n)
    half = 1.96 * se
    s0 = float(values.std())
    mean = float(values.mean())
    squares = float(((values - mean) ** 2).sum())
    return dict(
        params={"values": values},
        prompt=f"A Monte Carlo run evaluated $f$ at $n = {n}$ independent draws and got\n\n"
        f"$${rowvec(values)}.$$\n\nGive the standard error of the average and the half-width "
        "of its approximate 95% confidence interval (from the central limit theorem, "
        "$1.96$ standard errors), as `[se, half_width]`; each earns half.",
        answer=answer([se, half], mode="relative", tol=1e-3, partial=True),
        feedback=[
            feedback(
                "divided-by-n-variance",
                [s0 / math.sqrt(n), 1.96 * s0 / math.sqrt(n)],
                "You used the standard deviation with divisor n. The standard error uses the "
                "sample standard deviation s, with divisor n - 1.",
                credit=0.5,
            ),
            feedback(
                "divided-by-n",
                [s / n, 1.96 * s / n],
                "You divided s by n. The standard deviation of an average of n draws is "
                "s/√n: variances add, so the variance of the mean is s²/n.",
            ),
        ],
        solution=f"The average is $\\hat\\mu = {num(mean)}$. The sum of squared deviations "
        f"is ${num(squares)}$, so the sample variance is $s^2 = {num(squares)}/{n - 1} = "
        f"{num(s * s)}$ and $s = {num(s)}$.\n\n"
        f"$$\\mathrm{{SE}} = \\frac{{s}}{{\\sqrt n}} = \\frac{{{num(s)}}}{{\\sqrt{{{n}}}}} = "
        f"{num(se)}, \\qquad 1.96\\,\\mathrm{{SE}} = {num(half)}.$$\n\n"
        f"The interval is $\\hat\\mu \\pm {num(half)}$ (with only {n} draws the normal "
        "approximation is rough; it improves as $n$ grows).",
    )
