"""The acceptance rate of rejection sampling from a Beta density."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from questionlib import answer, feedback, num


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a, b = (int(v) for v in rng.integers(2, 7, 2))
    # B(a, b) = (a-1)!(b-1)!/(a+b-1)! = 1/k for whole a, b
    k = math.factorial(a + b - 1) // (math.factorial(a - 1) * math.factorial(b - 1))
    beta = 1 / k
    mode = (a - 1) / (a + b - 2)
    envelope = mode ** (a - 1) * (1 - mode) ** (b - 1) / beta
    rate = 1 / envelope
    return dict(
        params={"a": a, "b": b},
        prompt=f"Rejection sampling draws from the $\\mathrm{{Beta}}({a}, {b})$ density "
        f"$p(x) = x^{{{a - 1}}}(1 - x)^{{{b - 1}}}/B({a}, {b})$ on $[0, 1]$, with a uniform "
        "proposal $q = 1$ on $[0, 1]$ and the smallest constant $M$ for which $p \\le Mq$. What "
        "fraction of the proposals is accepted on average?",
        answer=answer(rate, mode="relative", tol=1e-3),
        feedback=[
            feedback(
                "answered-m",
                envelope,
                "That is the envelope constant M. The fraction accepted is the area under p "
                "divided by the area under Mq, which is 1/M.",
            ),
        ],
        solution=f"$B({a}, {b}) = \\frac{{{a - 1}!\\,{b - 1}!}}{{{a + b - 1}!}} = \\frac{{1}}{{{k}}}$. "
        "The tightest $M$ is the maximum of $p$, at the mode "
        f"$x^* = \\frac{{a - 1}}{{a + b - 2}} = \\frac{{{a - 1}}}{{{a + b - 2}}}$:\n\n"
        f"$$M = p(x^*) = {k}\\left(\\tfrac{{{a - 1}}}{{{a + b - 2}}}\\right)^{{{a - 1}}}"
        f"\\left(\\tfrac{{{b - 1}}}{{{a + b - 2}}}\\right)^{{{b - 1}}} = {num(envelope)}.$$\n\n"
        "A proposal $x$ is accepted with probability $p(x)/M$, so on average "
        f"$\\int_0^1 p(x)/M\\,dx = 1/M = {num(rate)}$ of the proposals are kept.",
    )
