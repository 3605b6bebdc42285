"""Binomial probability."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from questionlib import answer, num, require, sig


def _binom_pmf(k: int, n: int, p: float) -> float:
    """P(X = k) for X ~ Binomial(n, p)."""
    return math.comb(n, k) * p**k * (1 - p) ** (n - k)


def generate(rng: np.random.Generator) -> dict[str, Any]:
    n = int(rng.integers(4, 13))
    p = float(rng.choice([0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9]))
    k = int(rng.integers(0, n + 1))
    value = float(_binom_pmf(k, n, p))
    require(value > 1e-3)
    comb = math.comb(n, k)
    return dict(
        params={"n": n, "p": p, "k": k},
        prompt=f"A biased coin lands heads with probability {num(p)}. It is tossed {n} "
        f"times. What is the probability of exactly {k} heads?",
        answer=answer(value, mode="sigfigs", tol=3),
        solution="The number of heads is $X\\sim\\text{Binomial}(n, p)$ with "
        "$P(X=k) = \\binom{n}{k}p^k(1-p)^{n-k}$:\n\n"
        f"$$P(X={k}) = \\binom{{{n}}}{{{k}}}({num(p)})^{{{k}}}({num(1 - p)})^{{{n - k}}} = "
        f"{comb}\\cdot{sig(p**k, 5)}\\cdot{sig((1 - p) ** (n - k), 5)} \\approx "
        f"{sig(value, 4)}.$$\n\n(`scipy.stats.binom.pmf({k}, {n}, {num(p)})`)",
    )
