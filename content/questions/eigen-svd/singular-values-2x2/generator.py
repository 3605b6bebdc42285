"""Singular values of a 2x2 matrix."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, mat, num, paren, require


def _sym_eigen_text(a: float, b: float, d: float) -> tuple[float, float, str]:
    """Eigenvalues (descending) of A^T A = [[a, b], [b, d]] and the worked characteristic equation."""
    tr, det = a + d, a * d - b * b
    disc = tr * tr - 4 * det
    root = float(np.sqrt(disc))
    l1, l2 = (tr + root) / 2, (tr - root) / 2
    text = (
        "Its eigenvalues solve $\\det(A^TA-\\lambda I)=0$, i.e. "
        "$\\lambda^2 - \\operatorname{tr}(A^TA)\\,\\lambda + \\det(A^TA) = 0$ with "
        f"$\\operatorname{{tr}}(A^TA) = {num(tr)}$ and $\\det(A^TA) = {num(det)}$:\n\n"
        f"$$\\lambda = \\frac{{{num(tr)} \\pm \\sqrt{{{paren(tr)}^2 - 4\\cdot{paren(det)}}}}}{{2}}"
        f" = \\frac{{{num(tr)} \\pm \\sqrt{{{num(disc)}}}}}{{2}},$$\n\n"
        f"so $\\lambda_1 \\approx {num(l1)}$ and $\\lambda_2 \\approx {num(l2)}$."
    )
    return l1, l2, text


def generate(rng: np.random.Generator) -> dict[str, Any]:
    A = rng.integers(-3, 4, (2, 2))
    require(round(np.linalg.det(A)) != 0)
    G = A.T @ A
    l1, l2, text = _sym_eigen_text(float(G[0, 0]), float(G[0, 1]), float(G[1, 1]))
    s = np.sqrt([l1, l2])
    return dict(
        params={"A": A},
        prompt=f"Find the singular values of $$A = {mat(A)}.$$\n\n"
        "Answer as `[s1, s2]` in any order; `sqrt(...)` is fine. Each earns half.",
        answer=answer(s.tolist(), mode="relative", tol=1e-3, partial=True, unordered=True),
        solution="The singular values are the square roots of the eigenvalues of $A^TA$.\n\n"
        f"$$A^TA = {mat(G)}.$$\n\n{text}\n\n"
        f"So $\\sigma_1 = \\sqrt{{{num(l1)}}} \\approx {num(s[0])}$ and "
        f"$\\sigma_2 = \\sqrt{{{num(l2)}}} \\approx {num(s[1])}$.",
    )
