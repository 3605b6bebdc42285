"""Population vs sample variance."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, num, require


def _listing(values: np.ndarray) -> str:
    return ", ".join(num(v) for v in values)


def generate(rng: np.random.Generator) -> dict[str, Any]:
    n = int(rng.integers(4, 7))
    data = rng.integers(0, 13, n).astype(float)
    require(np.ptp(data) > 0)
    mean = float(data.mean())
    ss = float(((data - mean) ** 2).sum())
    pop, sample = ss / n, ss / (n - 1)
    devs = " + ".join(f"({num(x)} - {num(mean)})^2" for x in data)
    return dict(
        params={"data": data},
        prompt=f"For the data ${_listing(data)}$ give `[population variance, sample variance]`;"
        " each earns half.",
        answer=answer([pop, sample], mode="relative", tol=1e-3, partial=True),
        # The two differ by n / (n - 1) >= 1.2: swapped, both entries are far off.
        feedback=[
            feedback(
                "swapped",
                [sample, pop],
                "The two are swapped: the population variance divides by n and is the "
                "smaller one; the sample variance divides by n - 1.",
            ),
        ],
        solution=f"The mean is $\\bar x = {num(mean)}$ and the sum of squared deviations is\n\n"
        f"$$\\sum (x_i-\\bar x)^2 = {devs} = {num(ss)}.$$\n\n"
        f"Population variance divides by $n = {n}$: ${num(pop)}$. Sample variance divides by "
        f"$n-1 = {n - 1}$ (Bessel's correction, because $\\bar x$ was estimated from the same "
        f"data): ${num(sample)}$. In NumPy: `np.var(x)` vs `np.var(x, ddof=1)`.",
    )
