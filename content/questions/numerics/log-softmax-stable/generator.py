"""Stable log-softmax of large logits."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, rowvec


def generate(rng: np.random.Generator) -> dict[str, Any]:
    base = float(rng.choice([500, 800, 1000]))
    z = base + rng.integers(0, 5, 3).astype(float)
    i = int(rng.integers(0, 3))
    shifted = z - z.max()
    lse = float(z.max() + np.log(np.exp(shifted).sum()))
    value = float(z[i] - lse)
    # float64's largest value is about e^709.78: only a logit above that overflows exp.
    if z.max() > 709.78:
        why = (
            f"computing $e^{{{num(z.max())}}}$ in float64 overflows: float64 ends near "
            "$e^{709.78}$"
        )
    else:
        why = (
            f"$e^{{{num(z.max())}}}$ still fits in float64, which ends near $e^{{709.78}}$, "
            "but logits a little larger would overflow a direct computation"
        )
    return dict(
        params={"logits": z, "index": i + 1},
        prompt=f"Logits $\\mathbf z = {rowvec(z)}$ ({why}). What is "
        f"$\\log\\mathrm{{softmax}}(\\mathbf z)_{i + 1}$?",
        answer=answer(value, mode="absolute", tol=1e-3),
        solution="$\\log\\mathrm{softmax}(\\mathbf z)_i = z_i - \\log\\sum_j e^{z_j}$, and the "
        "log-sum-exp is computed stably as $m + \\log\\sum_j e^{z_j - m}$ with $m = \\max z$.\n\n"
        f"$\\mathbf z - m = {rowvec(shifted)}$, $\\sum_j e^{{z_j-m}} = "
        f"{num(np.exp(shifted).sum())}$, so $\\log\\mathrm{{softmax}}_{{{i + 1}}} = "
        f"{num(shifted[i])} - \\ln {num(np.exp(shifted).sum())} \\approx {num(value)}$.",
    )
