"""Standardizing a data set."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, num, require


def _listing(values: np.ndarray) -> str:
    return ", ".join(num(v) for v in values)


def generate(rng: np.random.Generator) -> dict[str, Any]:
    data = rng.integers(0, 21, 4).astype(float)
    require(np.ptp(data) > 0)
    mean, std = float(data.mean()), float(data.std())
    z = (data - mean) / std
    return dict(
        params={"data": data},
        prompt=f"Standardize the data ${_listing(data)}$ using the mean and the population "
        "standard deviation (divide by $n$). Give the four z-scores as a vector; each entry "
        "earns a quarter.",
        answer=answer(z.tolist(), mode="absolute", tol=2e-3, partial=True),
        # Dividing by the sample standard deviation scales every z by sqrt(3/4) = 0.87.
        feedback=[
            feedback(
                "sample-std",
                (data - mean) / float(data.std(ddof=1)),
                "You divided by the sample standard deviation (n - 1); the question asks for "
                "the population one (divide by n).",
            ),
        ],
        solution=f"$\\mu = {num(mean)}$, $\\sigma = \\sqrt{{\\tfrac1n\\sum(x_i-\\mu)^2}} = "
        f"{num(std)}$. Then $z_i = (x_i - \\mu)/\\sigma$ gives $({_listing(z)})$. "
        "The result has mean 0 and standard deviation 1.",
    )
