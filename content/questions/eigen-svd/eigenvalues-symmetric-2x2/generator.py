"""Eigenvalues of a symmetric 2x2 matrix."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, mat, num, paren, require


def _sym_eigen_text(a: float, b: float, d: float) -> tuple[float, float, str]:
    """Eigenvalues (descending) of [[a, b], [b, d]] and the worked characteristic equation."""
    tr, det = a + d, a * d - b * b
    disc = tr * tr - 4 * det
    root = float(np.sqrt(disc))
    l1, l2 = (tr + root) / 2, (tr - root) / 2
    text = (
        "The eigenvalues solve $\\det(A-\\lambda I)=0$, i.e. "
        "$\\lambda^2 - (\\operatorname{tr}A)\\lambda + \\det A = 0$ with "
        f"$\\operatorname{{tr}}A = {num(tr)}$ and $\\det A = {num(det)}$:\n\n"
        f"$$\\lambda = \\frac{{{num(tr)} \\pm \\sqrt{{{paren(tr)}^2 - 4\\cdot{paren(det)}}}}}{{2}}"
        f" = \\frac{{{num(tr)} \\pm \\sqrt{{{num(disc)}}}}}{{2}},$$\n\n"
        f"so $\\lambda_1 \\approx {num(l1)}$ and $\\lambda_2 \\approx {num(l2)}$."
    )
    return l1, l2, text


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a, d = (int(x) for x in rng.integers(-5, 6, 2))
    b = int(rng.integers(1, 5)) * int(rng.choice([-1, 1]))
    l1, l2, text = _sym_eigen_text(a, b, d)
    require(abs(l1) > 0.05 and abs(l2) > 0.05)
    A = np.array([[a, b], [b, d]])
    return dict(
        params={"A": A},
        prompt=f"Find both eigenvalues of $$A = {mat(A)}.$$\n\n"
        "Answer as a vector `[l1, l2]` in any order; `sqrt(...)` is fine. Each eigenvalue "
        "earns half.",
        answer=answer([l1, l2], mode="relative", tol=1e-3, partial=True, unordered=True),
        solution=text + "\n\nBecause $A$ is symmetric both eigenvalues are real; they add up "
        "to the trace and multiply to the determinant.",
    )
