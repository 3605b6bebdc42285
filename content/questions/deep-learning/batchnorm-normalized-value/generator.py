"""Batch normalisation of one entry of a feature column."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from questionlib import answer, feedback, num, paren, require, rowvec

EPS = 1e-5


def generate(rng: np.random.Generator) -> dict[str, Any]:
    n = int(rng.integers(4, 6))
    column = rng.integers(0, 11, n).astype(float)
    gamma = float(rng.choice([0.5, 1, 1.5, 2]))
    beta = float(rng.choice([-1, -0.5, 0, 0.5, 1]))
    k = int(rng.integers(n))
    mean = float(column.mean())
    var = float(column.var())  # divide by N, as batch norm does
    require(var > 0.5)
    xhat = (column[k] - mean) / math.sqrt(var + EPS)
    value = gamma * xhat + beta
    unbiased = gamma * (column[k] - mean) / math.sqrt(column.var(ddof=1) + EPS) + beta
    require(abs(value) > 0.05 and abs(unbiased - value) > 5e-3 * abs(value))
    dev = column - mean
    return dict(
        params={"column": column, "gamma": gamma, "beta": beta, "k": k},
        prompt=f"In training mode, a batch-normalisation layer sees one feature with the values "
        f"$${rowvec(column)}$$ over a batch of $N = {n}$ examples. Its parameters are "
        f"$\\gamma = {num(gamma)}$, $\\beta = {num(beta)}$ and $\\varepsilon = 10^{{-5}}$. "
        f"What is the layer's output for the example whose value is $x = {num(column[k])}$ "
        f"(entry {k + 1} of the list)?",
        answer=answer(value, mode="relative", tol=1e-3),
        feedback=[
            feedback(
                "unbiased-variance",
                unbiased,
                "You used the sample variance with divisor N - 1. Batch normalisation uses the "
                "biased batch variance: divide by N.",
            ),
        ],
        solution=f"Batch mean $\\mu = {num(mean)}$; deviations ${rowvec(dev)}$; batch variance "
        f"(divide by $N$) $\\sigma^2 = {num(float(dev @ dev))}/{n} = {num(var)}$.\n\n"
        f"$$\\hat x = \\frac{{{num(column[k])} - {paren(mean)}}}{{\\sqrt{{{num(var)} + 10^{{-5}}}}}}"
        f" = {num(xhat)}, \\qquad y = \\gamma\\hat x + \\beta = {num(gamma)}\\cdot{paren(xhat)} + "
        f"{paren(beta)} = {num(value)}.$$\n\n"
        "Here $\\varepsilon$ changes nothing visible; it matters only for a (nearly) constant "
        "feature.",
    )
