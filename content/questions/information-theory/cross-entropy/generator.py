"""Cross-entropy between a target and a prediction."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, rowvec


def _distribution(rng: np.random.Generator, size: int) -> np.ndarray:
    # Multiples of 0.05 keep the numbers readable and strictly inside (0, 1).
    while True:
        cuts = np.sort(rng.choice(np.arange(1, 20), size=size - 1, replace=False))
        p = np.diff(np.concatenate([[0], cuts, [20]])) / 20
        if np.all(p > 0):
            return p


def generate(rng: np.random.Generator) -> dict[str, Any]:
    p, q = _distribution(rng, 3), _distribution(rng, 3)
    value = float(-(p * np.log(q)).sum())
    entropy = float(-(p * np.log(p)).sum())
    terms = " + ".join(f"{num(a)}\\ln {num(b)}" for a, b in zip(p, q, strict=True))
    return dict(
        params={"p": p, "q": q},
        prompt=f"The true distribution is $P = {rowvec(p)}$ and a model predicts "
        f"$Q = {rowvec(q)}$. Compute the cross-entropy $H(P, Q)$ in nats.",
        answer=answer(value, mode="relative", tol=1e-3),
        solution="$H(P, Q) = -\\sum_i p_i\\ln q_i$:\n\n"
        f"$$H(P,Q) = -({terms}) \\approx {num(value)}.$$\n\n"
        f"It equals $H(P) + D_{{\\mathrm{{KL}}}}(P\\|Q) = {num(entropy)} + "
        f"{num(value - entropy)}$, so minimising cross-entropy over $Q$ minimises the KL "
        "divergence.",
    )
