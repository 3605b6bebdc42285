"""Mutual information (bits) of two binary variables from a table of counts."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, mat, num, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    counts = rng.integers(1, 41, (2, 2))
    n = int(counts.sum())
    joint = counts / n
    px, py = joint.sum(axis=1), joint.sum(axis=0)
    ratio = joint / np.outer(px, py)
    terms = joint * np.log2(ratio)
    value = float(terms.sum())
    require(value > 0.01)
    listing = " + ".join(
        f"\\tfrac{{{counts[i, j]}}}{{{n}}}\\log_2 {num(ratio[i, j], 6)}"
        for i in range(2)
        for j in range(2)
    )
    return dict(
        params={"counts": counts},
        prompt=f"Two binary variables $X$ (rows) and $Y$ (columns) were observed together "
        f"{n} times, with counts\n\n$$N = {mat(counts)}.$$\n\n"
        "Taking the relative frequencies as the joint distribution, compute the mutual "
        "information $I(X; Y)$ in bits.",
        answer=answer(value, mode="relative", tol=1e-3),
        feedback=[
            feedback(
                "natural-log",
                value * np.log(2),
                "That is the mutual information in nats (natural log). Bits use log base 2: "
                "divide by ln 2.",
            ),
        ],
        solution=f"Divide by $n = {n}$: the marginals are $p(x) = ({num(px[0])}, {num(px[1])})$ "
        f"and $p(y) = ({num(py[0])}, {num(py[1])})$. Each cell contributes "
        "$p(x, y)\\log_2 \\frac{p(x, y)}{p(x)p(y)}$, where the ratio is "
        f"${mat(ratio, 6)}$:\n\n$$I(X; Y) = {listing} \\approx {num(value)}\\text{{ bits}}.$$\n\n"
        "It is $0$ exactly when the table is the product of its marginals (independence).",
    )
