"""The 2-norm condition number of a 2x2 matrix, from the singular values."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, mat, num, paren, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    A = rng.integers(-4, 5, (2, 2)).astype(float)
    det = float(round(np.linalg.det(A)))
    require(det != 0)
    G = A.T @ A
    tr, gdet = float(np.trace(G)), det * det
    root = float(np.sqrt(tr * tr - 4 * gdet))
    lam1, lam2 = (tr + root) / 2, (tr - root) / 2
    value = float(np.sqrt(lam1 / lam2))
    require(1.2 < value < 200)
    return dict(
        params={"A": A},
        prompt=f"Compute the condition number $\\kappa(A) = \\sigma_{{\\max}}/\\sigma_{{\\min}}$ "
        f"of $$A = {mat(A)}.$$\n\n`sqrt(...)` is fine.",
        answer=answer(value, mode="relative", tol=1e-3),
        feedback=[
            feedback(
                "squared",
                lam1 / lam2,
                "That is the ratio of the eigenvalues of AᵀA, which is κ(A)². The singular "
                "values are the square roots of those eigenvalues.",
            ),
        ],
        solution="The singular values are the square roots of the eigenvalues of\n\n"
        f"$$A^\\top A = {mat(G)},$$\n\n"
        f"which solve $\\lambda^2 - {paren(tr)}\\lambda + {paren(gdet)} = 0$ "
        f"($\\operatorname{{tr}}(A^\\top A) = {num(tr)}$, $\\det(A^\\top A) = (\\det A)^2 = "
        f"{num(gdet)}$):\n\n"
        f"$$\\lambda = \\frac{{{num(tr)} \\pm \\sqrt{{{num(tr * tr - 4 * gdet)}}}}}{{2}}, \\qquad "
        f"\\lambda_1 \\approx {num(lam1)},\\ \\lambda_2 \\approx {num(lam2)}.$$\n\n"
        f"$$\\kappa(A) = \\sqrt{{\\lambda_1/\\lambda_2}} \\approx {num(value)}.$$\n\n"
        "Solving a system with $A$ can lose about "
        f"$\\log_{{10}}\\kappa \\approx {num(np.log10(value), 2)}$ digits.",
    )
