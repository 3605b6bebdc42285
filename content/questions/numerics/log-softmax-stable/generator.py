"""Stable log-softmax of large logits: a randomized question (generate(rng) runs in the authors' jail)."""

from __future__ import annotations

from typing import Any

import numpy as np

from questionlib import answer, num, rowvec


def generate(rng: np.random.Generator) -> dict[str, Any]:
    base = float(rng.choice([500, 800, 1000]))
    z = base + rng.integers(0, 5, 3).astype(float)
    i = int(rng.integers(0, 3))
    from scipy.special import logsumexp  # imported on use: ~1 s at every process start

    lse = float(logsumexp(z))
    value = float(z[i] - lse)
    shifted = z - z.max()
    return dict(
        params={"logits": z, "index": i + 1},
        prompt=f"Logits $\\mathbf z = {rowvec(z)}$ (computing $e^{{{num(z.max())}}}$ in float64 "
        f"overflows). What is $\\log\\mathrm{{softmax}}(\\mathbf z)_{i + 1}$?",
        answer=answer(value, mode="absolute", tol=1e-3),
        solution="$\\log\\mathrm{softmax}(\\mathbf z)_i = z_i - \\log\\sum_j e^{z_j}$, and the "
        "log-sum-exp is computed stably as $m + \\log\\sum_j e^{z_j - m}$ with $m = \\max z$.\n\n"
        f"$\\mathbf z - m = {rowvec(shifted)}$, $\\sum_j e^{{z_j-m}} = "
        f"{num(np.exp(shifted).sum())}$, so $\\log\\mathrm{{softmax}}_{{{i + 1}}} = "
        f"{num(shifted[i])} - \\ln {num(np.exp(shifted).sum())} \\approx {num(value)}$.",
    )
