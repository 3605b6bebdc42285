"""One softmax probability."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, rowvec


def generate(rng: np.random.Generator) -> dict[str, Any]:
    z = rng.integers(-3, 4, 4).astype(float)
    i = int(rng.integers(0, 4))
    e = np.exp(z - z.max())
    p = e / e.sum()
    value = float(p[i])
    return dict(
        params={"logits": z, "index": i + 1},
        prompt=f"Logits $\\mathbf z = {rowvec(z)}$. What probability does softmax give to "
        f"entry {i + 1}?",
        answer=answer(value, mode="relative", tol=1e-3),
        solution="$\\mathrm{softmax}(\\mathbf z)_i = e^{z_i}/\\sum_j e^{z_j}$. Subtracting "
        f"the maximum ${num(z.max())}$ first changes nothing mathematically and avoids "
        f"overflow: $e^{{z - \\max}} = {rowvec(e)}$, sum ${num(e.sum())}$, so\n\n"
        f"$$p_{{{i + 1}}} = {num(e[i])}/{num(e.sum())} \\approx {num(value)}.$$\n\n"
        f"All probabilities: ${rowvec(p)}$.",
    )
