"""Binary cross-entropy loss."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, require, rowvec


def generate(rng: np.random.Generator) -> dict[str, Any]:
    y = rng.integers(0, 2, 3)
    require(0 < y.sum() < 3)
    p = np.round(rng.uniform(0.05, 0.95, 3), 2)
    losses = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    value = float(losses.mean())
    parts = ", ".join(
        f"-\\ln {num(pi) if yi else num(1 - pi)} = {num(li)}"
        for yi, pi, li in zip(y, p, losses, strict=True)
    )
    return dict(
        params={"y": y, "p": p},
        prompt=f"A classifier outputs probabilities $\\hat p = {rowvec(p)}$ for labels "
        f"$y = {rowvec(y)}$. What is the mean binary cross-entropy loss (natural log)?",
        answer=answer(value, mode="relative", tol=1e-3),
        solution="Per example, $\\ell = -[y\\ln\\hat p + (1-y)\\ln(1-\\hat p)]$: the negative "
        "log of the probability given to the true label.\n\n"
        f"Losses: ${parts}$. Mean: ${num(value)}$.",
    )
