"""Law of total probability."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, require, sig


def generate(rng: np.random.Generator) -> dict[str, Any]:
    weights = rng.integers(1, 6, 3).astype(float)
    priors = weights / weights.sum()
    defect = rng.choice([0.01, 0.02, 0.03, 0.04, 0.05], size=3)
    value = float(priors @ defect)
    shares = [round(p * 100) for p in priors]
    require(sum(shares) == 100)
    priors = np.array(shares) / 100
    value = float(priors @ defect)
    terms = " + ".join(f"{num(p)}\\cdot{num(d)}" for p, d in zip(priors, defect, strict=True))
    return dict(
        params={"shares": priors, "defect_rates": defect},
        prompt="Three machines make "
        + ", ".join(f"{s}%" for s in shares)
        + " of a factory's parts. Their defect rates are "
        + ", ".join(f"{num(d * 100)}%" for d in defect)
        + ". What is the probability that a randomly chosen part is defective?",
        answer=answer(value, mode="relative", tol=1e-3),
        solution="Condition on which machine made the part and average:\n\n"
        f"$$P(\\text{{defect}}) = \\sum_i P(\\text{{defect}}\\mid M_i)P(M_i) = {terms} = "
        f"{sig(value, 6)}.$$",
    )
