"""Scaled dot-product attention weights."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, mat, require, rowvec


def generate(rng: np.random.Generator) -> dict[str, Any]:
    q = rng.integers(-2, 3, 4).astype(float)
    K = rng.integers(-2, 3, (3, 4)).astype(float)
    scores = K @ q / 2.0  # sqrt(d) = 2 for d = 4
    require(np.ptp(scores) > 0)
    w = np.exp(scores - scores.max())
    w /= w.sum()
    return dict(
        params={"q": q, "K": K},
        prompt=f"A query $\\mathbf q = {rowvec(q)}$ attends over three keys, the rows of "
        f"$$K = {mat(K)}.$$ Compute the attention weights "
        "$\\mathrm{softmax}(K\\mathbf q/\\sqrt d)$ as a vector of three numbers; each earns "
        "a third.",
        answer=answer(w.tolist(), mode="absolute", tol=2e-3, partial=True),
        solution=f"Scores: $K\\mathbf q = {rowvec(K @ q)}$, divided by $\\sqrt{{4}} = 2$: "
        f"${rowvec(scores)}$. Softmax of the scores: ${rowvec(w)}$.\n\n"
        "Dividing by $\\sqrt d$ keeps the scores' spread independent of the dimension so the "
        "softmax does not saturate.",
    )
