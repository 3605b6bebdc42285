"""Mean and median with an outlier."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num


def _listing(values: np.ndarray) -> str:
    return ", ".join(num(v) for v in values)


def generate(rng: np.random.Generator) -> dict[str, Any]:
    n = int(rng.choice([6, 7]))
    data = rng.integers(1, 20, n - 1).astype(float)
    data = np.append(data, float(rng.integers(60, 120)))  # one outlier
    rng.shuffle(data)
    mean, median = float(data.mean()), float(np.median(data))
    ordered = np.sort(data)
    mid = (
        f"the middle value is ${num(median)}$"
        if n % 2
        else f"the two middle values are ${num(ordered[n // 2 - 1])}$ and "
        f"${num(ordered[n // 2])}$, whose average is ${num(median)}$"
    )
    return dict(
        params={"data": data},
        prompt=f"For the data ${_listing(data)}$ give `[mean, median]`; each earns half.",
        answer=answer([mean, median], mode="relative", tol=1e-3, partial=True),
        solution=f"Mean: ${num(data.sum())}/{n} \\approx {num(mean)}$.\n\n"
        f"Median: sorted, the data are ${_listing(ordered)}$; {mid}.\n\n"
        f"The single outlier ${num(data.max())}$ drags the mean far above the median; the "
        "median is robust to it.",
    )
