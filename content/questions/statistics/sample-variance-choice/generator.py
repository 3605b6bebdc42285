"""Which number is the variance? A single choice whose wrong options are anticipated
mistakes, each with its message; the options are shuffled per variant by the page."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import choice, feedback, num, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    data = rng.integers(1, 10, 5).astype(float)
    require(np.ptp(data) > 0)
    n = data.size
    centred = data - data.mean()
    squares = float(centred @ centred)
    unbiased = squares / (n - 1)
    biased = squares / n
    candidates = [unbiased, biased, float(np.sqrt(unbiased)), float(np.abs(centred).sum() / n)]
    require(len({round(c, 4) for c in candidates}) == len(candidates))
    listing = ", ".join(num(v) for v in data)
    return dict(
        params={"data": data},
        prompt=f"A sample of ${n}$ values: ${listing}$. Which number is its unbiased sample "
        "variance $s^2$?",
        answer=choice(
            0,
            [f"${num(c)}$" for c in candidates],
            feedback=[
                feedback(
                    "divided-by-n",
                    1,
                    "That divides by $n$: the sample mean sits closer to the data than "
                    "the true mean, so dividing by $n-1$ makes the estimate unbiased.",
                ),
                feedback(
                    "standard-deviation",
                    2,
                    "That is the standard deviation, the square root of the variance.",
                ),
                feedback(
                    "absolute-deviation",
                    3,
                    "That is the mean absolute deviation: variance squares the deviations.",
                ),
            ],
        ),
        solution=f"The mean is ${num(data.mean())}$; the squared deviations sum to "
        f"${num(squares)}$, and $s^2 = {num(squares)}/{n - 1} = {num(unbiased)}$.",
    )
