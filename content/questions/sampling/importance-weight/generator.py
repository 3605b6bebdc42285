"""The importance-sampling weight of one draw."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from questionlib import answer, feedback, num, paren, require


def _apart(values: list[float], rtol: float) -> bool:
    return all(
        abs(a - b) > rtol * max(abs(a), abs(b))
        for i, a in enumerate(values)
        for b in values[i + 1 :]
    )


def generate(rng: np.random.Generator) -> dict[str, Any]:
    c = int(rng.integers(1, 4))
    sigma = float(rng.choice([0.5, 0.8, 1.5, 2]))
    x = round(c + float(rng.integers(-15, 16)) / 10, 1)
    exponent = -(x**2) / 2 + (x - c) ** 2 / (2 * sigma**2)
    w = sigma * math.exp(exponent)
    require(1e-3 < w < 1e3)
    require(_apart([w, 1 / w, w / sigma], 1e-2))
    return dict(
        params={"c": c, "sigma": sigma, "x": x},
        prompt="Importance sampling estimates an expectation under the standard normal "
        f"$p = \\mathcal N(0, 1)$ with draws from the proposal $q = \\mathcal N({c}, "
        f"{num(sigma)}^2)$. What is the weight $w(x)$ of the draw $x = {num(x)}$?",
        answer=answer(w, mode="relative", tol=1e-3),
        feedback=[
            feedback(
                "inverted-ratio",
                1 / w,
                "You computed q(x)/p(x). The weight is the likelihood ratio p(x)/q(x): target "
                "over proposal.",
            ),
            feedback(
                "dropped-sigma",
                w / sigma,
                "The normalising constants do not cancel here: p has 1/√(2π) and q has "
                "1/(σ√(2π)), so the ratio keeps a factor σ.",
            ),
        ],
        solution="$w(x) = \\dfrac{p(x)}{q(x)} = \\dfrac{e^{-x^2/2}/\\sqrt{2\\pi}}"
        "{e^{-(x - c)^2/(2\\sigma^2)}/(\\sigma\\sqrt{2\\pi})} = "
        "\\sigma\\,\\exp\\!\\Big(-\\frac{x^2}{2} + \\frac{(x - c)^2}{2\\sigma^2}\\Big)$. "
        f"With $x = {num(x)}$, $c = {c}$, $\\sigma = {num(sigma)}$ the exponent is "
        f"$-\\frac{{{paren(x)}^2}}{{2}} + \\frac{{{paren(x - c)}^2}}{{2\\cdot{num(sigma**2)}}} "
        f"= {num(exponent, 6)}$, so\n\n"
        f"$$w = {num(sigma)}\\,e^{{{num(exponent, 6)}}} = {num(w, 6)}.$$\n\n"
        + (
            "Here $q(x) > p(x)$: the proposal over-represents this region, so the draw counts "
            "for less than one."
            if w < 1
            else "Here $p(x) > q(x)$: the proposal under-represents this region, so the draw "
            "counts for more than one."
        ),
    )
