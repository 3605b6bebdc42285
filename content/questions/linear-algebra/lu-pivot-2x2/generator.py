"""LU with partial pivoting of a 2x2 matrix: the multiplier and the last pivot."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, mat, num, paren, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    A = rng.integers(-5, 6, (2, 2)).astype(float)
    (a11, a12), (a21, a22) = A
    det = a11 * a22 - a12 * a21
    require(a11 != 0 and abs(a21) > abs(a11) and det != 0)
    l21 = a11 / a21
    u22 = a12 - l21 * a22
    naive = a21 / a11
    naive_u22 = a22 - naive * a12
    PA = A[::-1]
    L = np.array([[1.0, 0.0], [l21, 1.0]])
    U = np.array([[a21, a22], [0.0, u22]])
    return dict(
        params={"A": A},
        prompt=f"Factor $$A = {mat(A)}$$ as $PA = LU$ by Gaussian elimination with partial "
        "pivoting ($L$ unit lower triangular, $U$ upper triangular). Give the multiplier "
        "$\\ell_{21}$ and the last pivot $u_{22}$ as `[l21, u22]`. Fractions are fine; each "
        "entry earns half.",
        answer=answer([l21, u22], mode="absolute", tol=1e-3, partial=True),
        feedback=[
            feedback(
                "no-pivoting",
                [naive, naive_u22],
                "That is elimination without pivoting. Partial pivoting first swaps the row "
                "with the largest |entry| in column 1 into the pivot position, so that "
                "|l21| ≤ 1.",
            ),
        ],
        solution=f"In column 1, $|{num(a21)}| > |{num(a11)}|$, so partial pivoting swaps the "
        f"two rows: $$PA = {mat(PA)}.$$\n\n"
        f"The multiplier is $\\ell_{{21}} = {num(a11)}/{paren(a21)} \\approx {num(l21)}$ "
        "(at most 1 in size, as pivoting promises), and subtracting $\\ell_{21}$ times the new "
        "first row from the second leaves\n\n"
        f"$$u_{{22}} = {num(a12)} - {paren(l21)}\\cdot{paren(a22)} \\approx {num(u22)},$$\n\n"
        f"so $$L = {mat(L)}, \\qquad U = {mat(U)}.$$\n\n"
        f"Check: $u_{{11}}u_{{22}} = {num(a21 * u22)} = -\\det A$, the sign flipped by the swap.",
    )
