"""Mean, variance and shifts: a multi-part answer (a number, a number with an anticipated
wrong answer, a multiple choice with partial credit) with per-part points."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, choice, feedback, num, part, parts, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    data = rng.integers(0, 12, 6).astype(float)
    require(np.ptp(data) > 0)
    n = data.size
    mean = float(data.mean())
    centred = data - mean
    squares = float(centred @ centred)
    unbiased = squares / (n - 1)
    biased = squares / n
    require(abs(unbiased - biased) > 0.01 * unbiased)
    listing = ", ".join(num(v) for v in data)
    return dict(
        params={"data": data},
        prompt=f"The sample is ${listing}$ ($n = {n}$).",
        answer=parts(
            part("a", answer(mean), points=1, label="(a) the mean"),
            part(
                "b",
                answer(
                    unbiased,
                    feedback=[
                        feedback(
                            "divided-by-n",
                            biased,
                            "You divided by $n$; the unbiased estimate divides by $n-1$.",
                            credit=0.5,
                        ),
                    ],
                ),
                points=2,
                label="(b) the unbiased variance s²",
            ),
            part(
                "c",
                choice(
                    [0, 1],
                    [
                        "adding $5$ to every value",
                        "multiplying every value by $-1$",
                        "doubling every value",
                        "appending one more value equal to the mean",
                    ],
                    multiple=True,
                    partial=True,
                ),
                points=1,
                label="(c) which changes leave s² unchanged?",
            ),
        ),
        solution=f"(a) $\\bar x = {num(data.sum())}/{n} = {num(mean)}$. (b) The squared "
        f"deviations sum to ${num(squares)}$, so $s^2 = {num(squares)}/"
        f"{n - 1} = {num(unbiased)}$. (c) A shift moves the mean with the data and a sign flip "
        "keeps the squares: both leave $s^2$ alone; doubling multiplies it by 4; a new value at "
        "the mean adds nothing to the sum but one to $n-1$.",
    )
