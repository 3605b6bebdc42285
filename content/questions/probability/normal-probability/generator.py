"""Probability of an interval under a normal."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from questionlib import answer, num, require


def _phi(z: float) -> float:
    """The standard normal CDF."""
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def generate(rng: np.random.Generator) -> dict[str, Any]:
    mu = int(rng.integers(50, 151))
    sigma = int(rng.choice([5, 10, 15, 20]))
    za, zb = sorted(round(float(z), 1) for z in rng.uniform(-2.5, 2.5, 2))
    require(zb - za >= 0.3)
    a, b = mu + za * sigma, mu + zb * sigma
    value = float(_phi((b - mu) / sigma) - _phi((a - mu) / sigma))
    return dict(
        params={"mu": mu, "sigma": sigma, "a": a, "b": b},
        prompt=f"$X \\sim \\mathcal N(\\mu = {mu}, \\sigma = {sigma})$. Compute "
        f"$P({num(a)} < X < {num(b)})$.",
        answer=answer(value, mode="absolute", tol=5e-4),
        solution="Standardise with $z = (x-\\mu)/\\sigma$: "
        f"$z_a = ({num(a)} - {mu})/{sigma} = {num(za)}$ and $z_b = {num(zb)}$. Then\n\n"
        f"$$P = \\Phi({num(zb)}) - \\Phi({num(za)}) = {num(_phi(zb))} - "
        f"{num(_phi(za))} \\approx {num(value)}.$$\n\n"
        "(`scipy.stats.norm.cdf`)",
    )
