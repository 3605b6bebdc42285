from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _well_conditioned(rng: np.random.Generator, n: int) -> np.ndarray:
    # A random normal matrix plus a multiple of I keeps the condition number small, so every
    # correct elimination agrees to ~1e-12.
    return rng.normal(size=(n, n)) + np.sqrt(n) * np.eye(n)


def cases(rng: np.random.Generator) -> list[Case]:
    rank_two = rng.normal(size=(4, 2)) @ rng.normal(size=(2, 4))
    swap_needed = _well_conditioned(rng, 5)
    swap_needed[0, 0] = 0.0
    return [
        Case("example: 2x2", args=(np.array([[1.0, 2.0], [3.0, 4.0]]),), visible=True,
             check="scalar"),
        Case("example: 3x3 tridiagonal",
             args=(np.array([[2.0, -1.0, 0.0], [-1.0, 2.0, -1.0], [0.0, -1.0, 2.0]]),),
             visible=True, check="scalar"),
        *[
            Case(f"hidden: random {n}x{n}", args=(_well_conditioned(rng, n),), check="scalar")
            for n in [1, 2, 3, 4, 6, 10, 30]
        ],
        Case("hidden: random 8x8 with two rows swapped",
             args=(_well_conditioned(rng, 8)[[1, 0, 2, 3, 4, 5, 6, 7]],), check="scalar"),
        Case("edge: zero in the top-left corner (needs a row swap)",
             args=(np.array([[0.0, 1.0], [1.0, 0.0]]),), check="scalar", kind="edge"),
        Case("edge: 5x5 with a zero first pivot", args=(swap_needed,), check="scalar",
             kind="edge"),
        Case("edge: tiny first pivot 1e-20",
             args=(np.array([[1e-20, 1.0], [1.0, 1.0]]),), check="scalar", kind="edge"),
        Case("edge: singular 3x3 (equal rows)",
             args=(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [1.0, 2.0, 3.0]]),),
             check="scalar", kind="edge"),
        Case("edge: singular 4x4 of rank 2", args=(rank_two,), check="scalar", kind="edge"),
        Case("edge: 0x0 matrix", args=(np.zeros((0, 0)),), check="scalar", kind="edge"),
        Case("edge: not square", args=(np.ones((2, 3)),), raises=ValueError, kind="edge"),
    ]


def _no_swap_sign(A: np.ndarray) -> float:
    """Partial pivoting that forgets that each row swap flips the sign."""
    U = np.array(A, dtype=float)
    for k in range(U.shape[0]):
        pivot = k + int(np.argmax(np.abs(U[k:, k])))
        if U[pivot, k] == 0.0:
            return 0.0
        U[[k, pivot]] = U[[pivot, k]]
        U[k + 1 :, k:] -= (U[k + 1 :, k] / U[k, k])[:, None] * U[k, k:]
    return float(np.prod(np.diag(U)))


MISTAKES = [
    Mistake(
        "sign of row swaps ignored",
        wrong=_no_swap_sign,
        hint="The size is right but the sign is wrong: every row swap multiplies the "
        "determinant by -1, so count the swaps.",
    ),
]

NONFINITE_HINT = (
    "a zero pivot: dividing by a zero diagonal entry gives inf/nan. Swap in the row with the "
    "largest |entry| in the column (partial pivoting); if all are zero the determinant is 0."
)
