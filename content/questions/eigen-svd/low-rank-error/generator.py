"""Error of the best rank-k approximation."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num


def generate(rng: np.random.Generator) -> dict[str, Any]:
    sigma = np.sort(rng.choice(np.arange(1, 13), size=4, replace=False))[::-1].astype(float)
    k = int(rng.integers(1, 3))
    tail = sigma[k:]
    value = float(np.sqrt(np.sum(tail**2)))
    squares = " + ".join(f"{num(s)}^2" for s in tail)
    return dict(
        params={"singular_values": sigma, "k": k},
        prompt=f"A matrix $A$ has singular values ${', '.join(num(s) for s in sigma)}$. "
        f"What is the Frobenius-norm error $\\lVert A - A_{k}\\rVert_F$ of its best rank-{k} "
        f"approximation $A_{k}$ (the truncated SVD)? `sqrt(...)` is fine.",
        answer=answer(value, mode="relative", tol=1e-3),
        solution=f"By the Eckart–Young theorem the truncated SVD keeps the {k} largest singular "
        "values, and the error is made of the ones dropped:\n\n"
        f"$$\\lVert A - A_{k}\\rVert_F = \\sqrt{{{squares}}} = "
        f"\\sqrt{{{num(np.sum(tail**2))}}} \\approx {num(value)}.$$",
    )
