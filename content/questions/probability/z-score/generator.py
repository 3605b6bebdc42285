"""z-score of an observation."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    mu = int(rng.integers(40, 121))
    sigma = int(rng.choice([4, 5, 8, 10, 12, 16, 20]))
    x = mu + int(rng.integers(-30, 31))
    require(x != mu)
    value = (x - mu) / sigma
    return dict(
        params={"x": x, "mu": mu, "sigma": sigma},
        prompt=f"Exam scores have mean {mu} and standard deviation {sigma}. What is the "
        f"z-score of a score of {x}?",
        answer=answer(value, mode="relative", tol=1e-3),
        solution=f"$$z = \\frac{{x-\\mu}}{{\\sigma}} = \\frac{{{x} - {mu}}}{{{sigma}}} = "
        f"{num(value)}.$$ The score is {num(abs(value))} standard deviations "
        f"{'above' if value > 0 else 'below'} the mean.",
    )
