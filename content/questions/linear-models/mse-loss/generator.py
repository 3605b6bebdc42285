"""Mean squared error of predictions."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, require, rowvec


def generate(rng: np.random.Generator) -> dict[str, Any]:
    y = rng.integers(-5, 6, 4).astype(float)
    pred = y + rng.integers(-3, 4, 4)
    require(np.any(pred != y))
    err = pred - y
    value = float((err**2).mean())
    return dict(
        params={"y": y, "predictions": pred},
        prompt=f"Targets $y = {rowvec(y)}$, predictions $\\hat y = {rowvec(pred)}$. What is the "
        "mean squared error?",
        answer=answer(value, mode="relative", tol=1e-3),
        solution=f"Errors $\\hat y - y = {rowvec(err)}$, squared ${rowvec(err**2)}$, mean "
        f"${num((err**2).sum())}/4 = {num(value)}$.",
    )
