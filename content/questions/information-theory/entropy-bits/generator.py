"""Entropy in bits."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, num, rowvec


def _distribution(rng: np.random.Generator, size: int) -> np.ndarray:
    # Multiples of 0.05 keep the numbers readable and strictly inside (0, 1).
    while True:
        cuts = np.sort(rng.choice(np.arange(1, 20), size=size - 1, replace=False))
        p = np.diff(np.concatenate([[0], cuts, [20]])) / 20
        if np.all(p > 0):
            return p


def generate(rng: np.random.Generator) -> dict[str, Any]:
    p = _distribution(rng, int(rng.integers(2, 5)))
    value = float(-(p * np.log2(p)).sum())
    terms = " + ".join(f"{num(x)}\\log_2\\tfrac{{1}}{{{num(x)}}}" for x in p)
    return dict(
        params={"p": p},
        prompt=f"A random symbol has probabilities ${rowvec(p)}$. What is its entropy in bits?",
        answer=answer(value, mode="relative", tol=1e-3),
        # ln 2 = 0.693 moves every answer by 31%: nothing correct can be mistaken for these.
        feedback=[
            feedback(
                "natural-log",
                value * np.log(2),
                "That is the entropy in nats (natural log). Bits use log base 2: divide by ln 2.",
            ),
        ],
        solution="$H(P) = -\\sum_i p_i\\log_2 p_i$:\n\n"
        f"$$H = {terms} \\approx {num(value)}\\text{{ bits}}.$$\n\nThe maximum for "
        f"{len(p)} outcomes is $\\log_2 {len(p)} \\approx {num(np.log2(len(p)))}$, reached by "
        "the uniform distribution.",
    )
