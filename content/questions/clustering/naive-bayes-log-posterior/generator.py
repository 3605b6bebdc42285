"""A Gaussian naive Bayes log-posterior, normalised with log-sum-exp."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, num, paren, require

NAMES = ("A", "B")


def generate(rng: np.random.Generator) -> dict[str, Any]:
    n_a = int(rng.integers(2, 9))
    prior = np.array([n_a, 10 - n_a]) / 10
    mu = rng.integers(-3, 4, (2, 2)).astype(float)
    var = rng.choice([0.5, 1.0, 2.0, 4.0], (2, 2))
    require(np.any(mu[0] != mu[1]))
    x = rng.integers(-4, 5, 2).astype(float)
    logpdf = -0.5 * np.log(2 * np.pi * var) - (x - mu) ** 2 / (2 * var)  # (class, feature)
    scores = np.log(prior) + logpdf.sum(axis=1)
    top = float(scores.max())
    lse = top + float(np.log(np.exp(scores - top).sum()))
    asked = int(rng.integers(0, 2))
    value = float(scores[asked] - lse)
    require(0.05 < abs(value) < 25 and abs(lse) > 0.02 * abs(value))
    rows = "\n".join(
        f"- class {NAMES[c]}: prior ${num(prior[c])}$; feature 1 mean ${num(mu[c, 0])}$, "
        f"variance ${num(var[c, 0])}$; feature 2 mean ${num(mu[c, 1])}$, "
        f"variance ${num(var[c, 1])}$"
        for c in range(2)
    )
    worked = "\n\n".join(
        f"$$s_{NAMES[c]} = \\ln {num(prior[c])}"
        + "".join(
            f" - \\tfrac12\\ln(2\\pi\\cdot{num(var[c, j])}) - "
            f"\\frac{{({num(x[j])} - {paren(mu[c, j])})^2}}{{2\\cdot{num(var[c, j])}}}"
            for j in range(2)
        )
        + f" \\approx {num(scores[c], 6)}$$"
        for c in range(2)
    )
    return dict(
        params={"prior": prior, "mu": mu, "var": var, "x": x, "asked": NAMES[asked]},
        prompt="A Gaussian naive Bayes classifier with two classes and two features has "
        f"these fitted parameters:\n\n{rows}\n\nFor the point $x = ({num(x[0])}, {num(x[1])})$, "
        f"compute the log-posterior $\\ln P({NAMES[asked]} \\mid x)$ (natural logarithm).",
        answer=answer(value, mode="relative", tol=1e-3),
        feedback=[
            feedback(
                "log-joint",
                scores[asked],
                "That is the joint score ln P(c) + Σ ln N(x_j; μ, σ²), not yet normalised. "
                "Subtract the log-sum-exp of both classes' scores to get the log-posterior.",
            ),
        ],
        solution="Each class scores $s_c = \\ln P(c) + \\sum_j \\left(-\\tfrac12\\ln(2\\pi"
        "\\sigma_{cj}^2) - \\frac{(x_j - \\mu_{cj})^2}{2\\sigma_{cj}^2}\\right)$:\n\n"
        f"{worked}\n\nNormalise with log-sum-exp, $a = \\max_c s_c = {num(top, 6)}$:\n\n"
        f"$$\\ln \\sum_c e^{{s_c}} = a + \\ln\\left(e^{{{num(scores[0] - top, 6)}}} + "
        f"e^{{{num(scores[1] - top, 6)}}}\\right) \\approx {num(lse, 6)},$$\n\n"
        f"$$\\ln P({NAMES[asked]} \\mid x) = s_{NAMES[asked]} - {paren(lse, 6)} \\approx "
        f"{num(value)}.$$",
    )
