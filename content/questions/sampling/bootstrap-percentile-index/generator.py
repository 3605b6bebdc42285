"""Where NumPy's quantile reads the endpoints of a bootstrap percentile interval."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, num


def generate(rng: np.random.Generator) -> dict[str, Any]:
    resamples = int(rng.choice([200, 400, 500, 999, 1000, 1001, 2000, 5000]))
    level = float(rng.choice([0.8, 0.9, 0.95, 0.99]))
    alpha = 1 - level
    q_low, q_high = alpha / 2, 1 - alpha / 2
    positions = [(resamples - 1) * q_low, (resamples - 1) * q_high]
    pct = num(100 * level)
    return dict(
        params={"B": resamples, "level": level},
        prompt=f"A bootstrap made $B = {resamples}$ resamples and sorted the statistic's "
        f"values into `theta[0], ..., theta[{resamples - 1}]`. The {pct}% percentile interval "
        "is computed with `np.quantile` (its default, linear interpolation between order "
        "statistics). At which positions of the sorted array, counting from 0, does it read "
        "the lower and the upper endpoint? Give `[low, high]` (fractional positions "
        "interpolate between neighbours); each earns half.",
        answer=answer(positions, mode="absolute", tol=1e-3, partial=True),
        feedback=[
            feedback(
                "times-b",
                [resamples * q_low, resamples * q_high],
                "You multiplied by B. With positions counted from 0, the last value sits at "
                "B - 1, so NumPy's default places level q at (B - 1)q.",
            ),
            feedback(
                "alpha-not-halved",
                [(resamples - 1) * alpha, (resamples - 1) * (1 - alpha)],
                "A two-sided interval leaves α/2 in each tail, not α: the levels are α/2 and "
                "1 - α/2.",
            ),
        ],
        solution=f"At level $1 - \\alpha = {num(level)}$ the interval reads the quantiles "
        f"$\\alpha/2 = {num(q_low)}$ and $1 - \\alpha/2 = {num(q_high)}$. NumPy's default "
        "places level $q$ at position $(B - 1)q$ of the sorted values (position 0 for "
        "$q = 0$, the last one for $q = 1$):\n\n"
        f"$${resamples - 1}\\cdot{num(q_low)} = {num(positions[0])}, \\qquad "
        f"{resamples - 1}\\cdot{num(q_high)} = {num(positions[1])}.$$\n\n"
        "A fractional position is interpolated: position $10.5$ would mean halfway between "
        "`theta[10]` and `theta[11]`.",
    )
