"""Inverse of a 2x2 matrix by formula."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, mat, paren, require


def _ints(rng: np.random.Generator, low: int, high: int, size: int | tuple[int, ...]) -> np.ndarray:
    return rng.integers(low, high + 1, size=size)


def generate(rng: np.random.Generator) -> dict[str, Any]:
    A = _ints(rng, -6, 6, (2, 2))
    (a, b), (c, d) = A
    det = int(a * d - b * c)
    require(det in (-5, -4, -2, -1, 1, 2, 4, 5))
    adj = np.array([[d, -b], [-c, a]])
    inv = adj / det
    return dict(
        params={"A": A},
        prompt=f"Find the inverse of $$A = {mat(A)}.$$\n\nFractions such as `1/2` are fine.",
        answer=answer(inv.tolist(), mode="absolute", tol=1e-3, partial=True),
        solution="For $A = \\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}$ with "
        "$ad-bc\\neq0$, $A^{-1} = \\frac{1}{ad-bc}\\begin{bmatrix} d & -b \\\\ -c & a "
        "\\end{bmatrix}$: swap the diagonal, negate the off-diagonal, divide by the "
        f"determinant.\n\n$$\\det A = {paren(a)}\\cdot{paren(d)} - {paren(b)}\\cdot{paren(c)} "
        f"= {det},\\qquad A^{{-1}} = \\frac{{1}}{{{det}}}{mat(adj)} = {mat(inv)}.$$\n\n"
        "Check: $AA^{-1} = I$.",
    )
