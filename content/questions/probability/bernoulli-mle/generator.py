"""Maximum-likelihood estimate of a Bernoulli p."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    n = int(rng.integers(8, 16))
    p = float(rng.uniform(0.2, 0.8))
    outcomes = (rng.random(n) < p).astype(int)
    k = int(outcomes.sum())
    require(0 < k < n)
    value = k / n
    return dict(
        params={"outcomes": outcomes},
        prompt="A coin is tossed and gives (1 = heads) "
        f"`{' '.join(str(int(o)) for o in outcomes)}`. What is the maximum-likelihood "
        "estimate of the probability of heads?",
        answer=answer(value, mode="relative", tol=1e-3),
        solution="The log-likelihood of $k$ heads in $n$ tosses is "
        "$\\ell(p) = k\\log p + (n-k)\\log(1-p)$. Setting $\\ell'(p) = k/p - (n-k)/(1-p) = 0$ "
        f"gives $\\hat p = k/n = {k}/{n} \\approx {num(value)}$: the fraction of heads.",
    )
