from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _conditioned(rng: np.random.Generator, m: int, n: int, cond: float) -> np.ndarray:
    U, _ = np.linalg.qr(rng.normal(size=(m, n)))
    V, _ = np.linalg.qr(rng.normal(size=(n, n)))
    return (U * np.logspace(0, -np.log10(cond), n)) @ V.T * 5


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: 3x2", args=(np.array([[3.0, -2.0], [4.0, 4.0], [0.0, 3.0]]),),
             visible=True),
        Case("example: 2x2 with a negative first entry",
             args=(np.array([[-1.0, 2.0], [0.0, 3.0]]),), visible=True),
        *[Case(f"hidden: random {m}x{n}", args=(rng.normal(size=(m, n)),))
          for m, n in [(1, 1), (4, 4), (10, 3), (60, 25)]],
        Case("hidden: condition number 1e4", args=(_conditioned(rng, 30, 8, 1e4),)),
        Case("edge: upper triangular with a negative diagonal",
             args=(np.triu(rng.normal(size=(4, 4))) + np.diag([-3.0, 3.0, -3.0, 3.0]),),
             kind="edge"),
        Case("edge: first column already a multiple of e_1",
             args=(np.array([[2.0, 1.0], [0.0, 1.0], [0.0, 1.0]]),), kind="edge"),
        Case("edge: a single column", args=(rng.normal(size=(6, 1)),), kind="edge"),
        Case("edge: more columns than rows", args=(rng.normal(size=(2, 3)),), raises=ValueError,
             kind="edge", reason="a 2x3 matrix (m < n)"),
        Case("edge: a 1-D array", args=(np.ones(4),), raises=ValueError, kind="edge",
             reason="a 1-D array"),
    ]


def _lapack_signs(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    Q, R = np.linalg.qr(np.asarray(A, dtype=float))
    return Q, R


def _transposed_order(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    A = np.asarray(A, dtype=float)
    Q, R = np.linalg.qr(A, mode="complete")
    s = np.where(np.diag(R) < 0, -1.0, 1.0)
    n = A.shape[1]
    return Q.T[:, :n] * s, R[:n] * s[:, None]


MISTAKES = [
    Mistake(
        "signs of R's diagonal not fixed",
        wrong=_lapack_signs,
        hint="Q and R are right up to signs: some diagonal entries of R are negative. Flip the "
        "sign of each such row of R and of the matching column of Q.",
    ),
    Mistake(
        "Q^T instead of Q",
        wrong=_transposed_order,
        hint="Your Q looks like the transpose of the right one: H_n ... H_1 A = R, so "
        "A = H_1 ... H_n R and Q = H_1 H_2 ... H_n, the reflectors in the opposite order.",
    ),
]
