"""Orthogonal projection of a vector onto the line spanned by another."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, num, require, vec


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a = rng.integers(-3, 4, 3).astype(float)
    y = rng.integers(-5, 6, 3).astype(float)
    # No zero component in a: then each anticipated mistake differs from p in every entry.
    require(np.all(a != 0) and float(a @ y) != 0)
    ay, aa = float(a @ y), float(a @ a)
    p = ay / aa * a
    residual = y - p
    return dict(
        params={"a": a, "y": y},
        prompt="Project $\\mathbf y$ orthogonally onto the line spanned by $\\mathbf a$, for\n\n"
        f"$$\\mathbf a = {vec(a)}, \\qquad \\mathbf y = {vec(y)}.$$\n\n"
        "Give the projection $\\mathbf p$ as `[x, y, z]`. Fractions are fine; each entry "
        "earns a third.",
        answer=answer(p, mode="absolute", tol=1e-3, partial=True),
        feedback=[
            feedback(
                "not-divided",
                ay * a,
                "You multiplied a by aᵀy but did not divide by aᵀa. The projection is "
                "(aᵀy / aᵀa) a, which does not change when a is rescaled.",
            ),
            feedback(
                "divided-by-norm",
                ay / np.sqrt(aa) * a,
                "You divided by ‖a‖ once. The projection is (aᵀy / aᵀa) a: divide by the "
                "squared norm (or normalise a and use (uᵀy) u).",
            ),
        ],
        solution=f"$\\mathbf a^\\top\\mathbf y = {num(ay)}$ and $\\mathbf a^\\top\\mathbf a = "
        f"{num(aa)}$, so\n\n"
        f"$$\\mathbf p = \\frac{{\\mathbf a^\\top\\mathbf y}}{{\\mathbf a^\\top\\mathbf a}}"
        f"\\,\\mathbf a = \\frac{{{num(ay)}}}{{{num(aa)}}}{vec(a)} = {vec(p)}.$$\n\n"
        f"Check: the residual $\\mathbf y - \\mathbf p = ({', '.join(num(v) for v in residual)})$ "
        "is orthogonal to $\\mathbf a$.",
    )
