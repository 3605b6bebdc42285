"""Cholesky factor L of a symmetric positive definite 2x2 matrix."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, mat, num, paren, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    l11 = int(rng.integers(1, 5))
    l21 = int(rng.integers(-4, 5))
    pivot = int(rng.integers(1, 10))  # the second pivot, l22^2
    require(l21 != 0)
    A = np.array([[l11 * l11, l11 * l21], [l11 * l21, l21 * l21 + pivot]], dtype=float)
    L = np.array([[l11, 0.0], [l21, np.sqrt(pivot)]])
    wrong = np.array([[l11, 0.0], [l21, np.sqrt(A[1, 1])]])
    return dict(
        params={"A": A},
        prompt=f"Find the Cholesky factor $L$ (lower triangular, positive diagonal, "
        f"$A = LL^\\top$) of $$A = {mat(A)}.$$\n\nAnswer as `[[l11, 0], [l21, l22]]`; "
        "`sqrt(...)` is fine, each entry earns a quarter.",
        answer=answer(L, mode="absolute", tol=1e-3, partial=True),
        feedback=[
            feedback(
                "pivot-not-reduced",
                wrong,
                "l₂₂ is the square root of the pivot a₂₂ − l₂₁², not of a₂₂: the part of "
                "a₂₂ already produced by l₂₁ must be subtracted first.",
                credit=0.75,
            ),
        ],
        solution="Compare entries of $LL^\\top = "
        "\\begin{bmatrix} l_{11}^2 & l_{11}l_{21} \\\\ l_{11}l_{21} & l_{21}^2 + l_{22}^2 "
        "\\end{bmatrix}$ with $A$, column by column:\n\n"
        f"$$l_{{11}} = \\sqrt{{{num(A[0, 0])}}} = {l11}, \\qquad "
        f"l_{{21}} = \\frac{{{num(A[1, 0])}}}{{{l11}}} = {l21}, \\qquad "
        f"l_{{22}} = \\sqrt{{{num(A[1, 1])} - {paren(l21)}^2}} = \\sqrt{{{pivot}}} "
        f"\\approx {num(np.sqrt(pivot))}.$$\n\n"
        f"$$L = {mat(L)}.$$\n\nThe second pivot ${pivot}$ is positive, which confirms "
        "that $A$ is positive definite.",
    )
