"""The second vector of Gram–Schmidt for two vectors in R^3."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, num, require, vec


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a1 = rng.integers(-3, 4, 3).astype(float)
    a2 = rng.integers(-3, 4, 3).astype(float)
    n1 = float(a1 @ a1)
    require(n1 > 1 and float(a1 @ a2) != 0)
    require(np.linalg.norm(np.cross(a1, a2)) > 1)  # independent, not nearly parallel
    q1 = a1 / np.sqrt(n1)
    coef = float(q1 @ a2)
    v2 = a2 - coef * q1
    norm_v2 = float(np.linalg.norm(v2))
    q2 = v2 / norm_v2
    raw = a2 - float(a1 @ a2) * a1  # projecting with the unnormalised a1
    raw = raw / np.linalg.norm(raw)
    require(abs(norm_v2 - 1) > 0.05 and np.abs(raw - q2).max() > 0.01)
    return dict(
        params={"a1": a1, "a2": a2},
        prompt="Apply Gram–Schmidt to\n\n"
        f"$$\\mathbf a_1 = {vec(a1)}, \\qquad \\mathbf a_2 = {vec(a2)}.$$\n\n"
        "Give the second orthonormal vector $\\mathbf q_2$ as `[x, y, z]`. `sqrt(...)` and "
        "fractions are fine.",
        answer=answer(q2, mode="absolute", tol=1e-3),
        feedback=[
            feedback(
                "not-normalised",
                v2,
                "That is v₂ = a₂ − (q₁ᵀa₂) q₁, orthogonal to q₁ but not of length 1: "
                "divide it by its norm.",
                credit=0.5,
            ),
            feedback(
                "q1-not-normalised",
                raw,
                "You subtracted (a₁ᵀa₂) a₁. The projection onto a₁ is (a₁ᵀa₂ / a₁ᵀa₁) a₁: "
                "normalise a₁ first (or divide by a₁ᵀa₁).",
            ),
        ],
        solution=f"$\\lVert\\mathbf a_1\\rVert^2 = {num(n1)}$ and "
        f"$\\mathbf a_1^\\top\\mathbf a_2 = {num(a1 @ a2)}$, so "
        f"$\\mathbf q_1 = \\mathbf a_1/\\sqrt{{{num(n1)}}}$ and removing the projection onto it "
        "gives\n\n"
        f"$$\\mathbf v_2 = \\mathbf a_2 - \\frac{{{num(a1 @ a2)}}}{{{num(n1)}}}\\,\\mathbf a_1 "
        f"= {vec(a2)} - \\frac{{{num(a1 @ a2)}}}{{{num(n1)}}}{vec(a1)} = {vec(v2)}.$$\n\n"
        f"Check: $\\mathbf a_1^\\top\\mathbf v_2 = 0$. Its length is "
        f"$\\lVert\\mathbf v_2\\rVert \\approx {num(norm_v2)}$, so\n\n"
        f"$$\\mathbf q_2 = \\frac{{\\mathbf v_2}}{{\\lVert\\mathbf v_2\\rVert}} = {vec(q2)}.$$",
    )
