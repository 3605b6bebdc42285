"""Poisson probability."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from questionlib import answer, num, require, sig


def _poisson_pmf(k: int, lam: float) -> float:
    """P(X = k) for X ~ Poisson(lam), in logs so large k cannot overflow."""
    return math.exp(k * math.log(lam) - lam - math.lgamma(k + 1))


def generate(rng: np.random.Generator) -> dict[str, Any]:
    lam = int(rng.integers(5, 61)) / 10
    k = int(rng.integers(0, 10))
    value = float(_poisson_pmf(k, lam))
    require(value > 1e-3)
    return dict(
        params={"lambda": lam, "k": k},
        prompt=f"A help desk receives on average {num(lam)} calls per minute, modelled as a "
        f"Poisson process. What is the probability of exactly {k} call{'' if k == 1 else 's'} in a "
        "given minute?",
        answer=answer(value, mode="sigfigs", tol=3),
        solution="$X\\sim\\text{Poisson}(\\lambda)$ has $P(X=k) = \\dfrac{\\lambda^k "
        "e^{-\\lambda}}{k!}$:\n\n"
        f"$$P(X={k}) = \\frac{{{num(lam)}^{{{k}}}e^{{-{num(lam)}}}}}{{{k}!}} = "
        f"\\frac{{{sig(lam**k, 5)}\\cdot{sig(math.exp(-lam), 5)}}}{{{math.factorial(k)}}} "
        f"\\approx {sig(value, 4)}.$$",
    )
