from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _system(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    return rng.normal(size=(n, n)) + 2 * np.sqrt(n) * np.eye(n)[rng.permutation(n)], rng.normal(size=n)


def cases(rng: np.random.Generator) -> list[Case]:
    tiny = 10.0 ** -rng.uniform(14, 18)
    return [
        Case("example: a tiny first pivot",
             args=(np.array([[1e-20, 1.0], [1.0, 1.0]]), np.array([1.0, 2.0])), visible=True),
        Case("example: 3x3 with a zero first pivot",
             args=(np.array([[0.0, 2.0, 1.0], [1.0, 1.0, 1.0], [2.0, 1.0, 3.0]]),
                   np.array([5.0, 6.0, 13.0])), visible=True),
        *[Case(f"hidden: random {n}x{n}", args=_system(rng, n)) for n in (1, 3, 12, 80)],
        Case("hidden: tiny pivot inside a 3x3",
             args=(np.array([[1.0, 1.0, 1.0], [1.0, 1.0 + tiny, 2.0], [1.0, 2.0, 2.0]]),
                   rng.normal(size=3))),
        Case("edge: a permutation matrix",
             args=(np.eye(5)[rng.permutation(5)] * rng.uniform(1, 2, size=5), rng.normal(size=5)),
             kind="edge"),
        Case("edge: upper triangular, no elimination needed",
             args=(np.triu(rng.normal(size=(4, 4))) + 3 * np.eye(4), rng.normal(size=4)),
             kind="edge"),
        Case("edge: singular 3x3 (rows in arithmetic progression)",
             args=(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]), np.ones(3)),
             raises=ValueError, kind="edge", reason="a singular matrix"),
        Case("edge: a zero column", args=(np.array([[1.0, 0.0], [2.0, 0.0]]), np.ones(2)),
             raises=ValueError, kind="edge", reason="a matrix with a zero column"),
        Case("edge: not square", args=(np.ones((2, 3)), np.ones(2)), raises=ValueError,
             kind="edge", reason="a 2x3 matrix"),
        Case("edge: b of the wrong length", args=(np.eye(3), np.ones(4)), raises=ValueError,
             kind="edge", reason="A 3x3 with b of length 4"),
    ]


def _no_pivoting(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    U = np.array(A, dtype=float)
    y = np.array(b, dtype=float)
    n = len(y)
    for k in range(n):
        for i in range(k + 1, n):
            m = U[i, k] / U[k, k]
            U[i, k:] -= m * U[k, k:]
            y[i] -= m * y[k]
    x = np.zeros(n)
    for i in reversed(range(n)):
        x[i] = (y[i] - U[i, i + 1:] @ x[i + 1:]) / U[i, i]
    return x


MISTAKES = [
    Mistake(
        "no pivoting",
        wrong=_no_pivoting,
        hint="This is what elimination without row swaps gives: a tiny pivot makes the "
        "multipliers huge and wipes out the other rows. Swap the row with the largest "
        "|entry| in column k into place at every step, not only when the pivot is exactly 0.",
    ),
]

NONFINITE_HINT = (
    "a division by a zero pivot: swap rows before eliminating (partial pivoting), and raise "
    "ValueError when even the largest candidate pivot is (nearly) zero."
)
