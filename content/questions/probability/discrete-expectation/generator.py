"""Mean and variance of a discrete variable."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    values = np.sort(rng.choice(np.arange(-3, 8), size=3, replace=False)).astype(float)
    weights = rng.integers(1, 5, 3)
    probs = weights / weights.sum()
    require(weights.sum() in (4, 5, 8, 10))
    mean = float(values @ probs)
    ex2 = float(values**2 @ probs)
    var = ex2 - mean**2
    table = " | ".join(num(v) for v in values)
    ptable = " | ".join(num(p) for p in probs)
    return dict(
        params={"values": values, "probabilities": probs},
        prompt="A random variable $X$ takes these values:\n\n"
        f"| $x$ | {table} |\n|---|---|---|---|\n| $P(X=x)$ | {ptable} |\n\n"
        "Give `[E[X], Var(X)]`; each earns half.",
        answer=answer([mean, var], mode="relative", tol=1e-3, partial=True),
        solution=f"$E[X] = \\sum x\\,P(x) = {num(mean)}$. $E[X^2] = \\sum x^2P(x) = "
        f"{num(ex2)}$. $\\mathrm{{Var}}(X) = E[X^2] - E[X]^2 = {num(ex2)} - {num(mean)}^2 = "
        f"{num(var)}$.",
    )
