"""KL divergence between two distributions."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, require, rowvec


def _distribution(rng: np.random.Generator, size: int) -> np.ndarray:
    # Multiples of 0.05 keep the numbers readable and strictly inside (0, 1).
    while True:
        cuts = np.sort(rng.choice(np.arange(1, 20), size=size - 1, replace=False))
        p = np.diff(np.concatenate([[0], cuts, [20]])) / 20
        if np.all(p > 0):
            return p


def generate(rng: np.random.Generator) -> dict[str, Any]:
    p, q = _distribution(rng, 3), _distribution(rng, 3)
    value = float((p * np.log(p / q)).sum())
    require(value > 0.01)
    terms = " + ".join(
        f"{num(a)}\\ln\\tfrac{{{num(a)}}}{{{num(b)}}}" for a, b in zip(p, q, strict=True)
    )
    return dict(
        params={"p": p, "q": q},
        prompt=f"$P = {rowvec(p)}$ and $Q = {rowvec(q)}$ are distributions over the same three "
        "outcomes. Compute $D_{\\mathrm{KL}}(P\\,\\|\\,Q)$ in nats (natural logarithm).",
        answer=answer(value, mode="relative", tol=1e-3),
        solution="$D_{\\mathrm{KL}}(P\\|Q) = \\sum_i p_i\\ln\\frac{p_i}{q_i}$:\n\n"
        f"$$D_{{\\mathrm{{KL}}}} = {terms} \\approx {num(value)}.$$\n\n"
        "It is never negative, is 0 only when $P = Q$, and is not symmetric: "
        f"$D_{{\\mathrm{{KL}}}}(Q\\|P) \\approx {num((q * np.log(q / p)).sum())}$.",
    )
