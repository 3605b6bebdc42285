"""Rank of a 3x3 matrix."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, mat, paren, require, vec


def _ints(rng: np.random.Generator, low: int, high: int, size: int | tuple[int, ...]) -> np.ndarray:
    return rng.integers(low, high + 1, size=size)


def generate(rng: np.random.Generator) -> dict[str, Any]:
    rank = int(rng.integers(1, 4))
    if rank == 1:
        u, v = _ints(rng, -3, 3, 3), _ints(rng, -3, 3, 3)
        require(np.count_nonzero(u) == 3 and np.count_nonzero(v) >= 2)
        A = np.outer(u, v)
        why = (
            f"Every row is a multiple of ${vec(v).replace('bmatrix', 'pmatrix')}^T$ "
            f"(by factors ${', '.join(str(int(c)) for c in u)}$), so only one row is "
            "independent."
        )
    elif rank == 2:
        r1, r2 = _ints(rng, -4, 4, 3), _ints(rng, -4, 4, 3)
        s, t = (int(c) for c in _ints(rng, -2, 2, 2))
        require(s != 0 and t != 0)
        A = np.vstack([r1, r2, s * r1 + t * r2])
        require(np.linalg.matrix_rank(A[:2]) == 2)
        why = (
            f"Row 3 $= {s}\\cdot$row 1 $+ {paren(t)}\\cdot$row 2, and rows 1 and 2 are not "
            "multiples of each other, so exactly two rows are independent."
        )
    else:
        A = _ints(rng, -4, 4, (3, 3))
        det = round(np.linalg.det(A))
        require(det != 0)
        why = f"$\\det A = {det} \\neq 0$, so all three rows are independent."
    require(int(np.linalg.matrix_rank(A)) == rank and np.abs(A).max() <= 20)
    return dict(
        params={"A": A},
        prompt=f"What is the rank of $$A = {mat(A)}?$$",
        answer=answer(rank, mode="exact"),
        solution=f"The rank is the number of linearly independent rows (or columns). {why}\n\n"
        f"Rank $= {rank}$.",
    )
