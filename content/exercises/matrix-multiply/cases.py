from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    def rand(m: int, n: int) -> np.ndarray:
        return rng.normal(size=(m, n))

    # Sizes stay small enough that a plain triple loop in Python finishes well inside the limit.
    hidden = [
        Case(f"hidden: random ({m}x{n}) times ({n}x{p})", args=(rand(m, n), rand(n, p)))
        for m, n, p in [(1, 1, 1), (3, 5, 2), (7, 4, 7), (20, 30, 10), (40, 25, 40)]
    ]
    ints_a = rng.integers(-9, 10, size=(4, 6)).astype(float)
    ints_b = rng.integers(-9, 10, size=(6, 3)).astype(float)
    return [
        Case(
            "example: 2x2 times 2x2",
            args=(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[5.0, 6.0], [7.0, 8.0]])),
            visible=True,
        ),
        Case(
            "example: 2x3 times 3x1",
            args=(np.array([[1.0, 0.0, 2.0], [-1.0, 3.0, 1.0]]), np.array([[3.0], [2.0], [1.0]])),
            visible=True,
        ),
        *hidden,
        Case("hidden: integer-valued entries", args=(ints_a, ints_b)),
        Case("edge: row times column gives a 1x1 matrix",
             args=(rand(1, 8), rand(8, 1)), kind="edge"),
        Case("edge: column times row (outer product)", args=(rand(6, 1), rand(1, 5)), kind="edge"),
        Case("edge: identity leaves B unchanged", args=(np.eye(4), rand(4, 3)), kind="edge"),
        Case("edge: inner size 0 gives zeros",
             args=(np.zeros((2, 0)), np.zeros((0, 3))), kind="edge"),
        Case("edge: inner sizes differ", args=(rand(2, 3), rand(2, 3)),
             raises=ValueError, kind="edge"),
        Case("edge: 1-D input", args=(np.ones(3), rand(3, 2)), raises=ValueError, kind="edge"),
    ]


MISTAKES = [
    Mistake(
        "element-wise product",
        wrong=lambda A, B: np.asarray(A) * np.asarray(B),
        hint="You multiplied entry by entry (the Hadamard product). Entry (i, j) of AB sums "
        "A[i, k] * B[k, j] over k: row i of A against column j of B.",
    ),
    Mistake(
        "factors swapped",
        wrong=lambda A, B: (np.asarray(B)[:, :, None] * np.asarray(A)[None, :, :]).sum(axis=1),
        hint="You computed BA. Matrix products do not commute: take rows from A and columns "
        "from B.",
    ),
    Mistake(
        "transposed result",
        wrong=lambda A, B: (np.asarray(A)[:, :, None] * np.asarray(B)[None, :, :]).sum(axis=1).T,
        hint="Your result is the transpose of AB: check which loop index selects the row of "
        "the output.",
    ),
]
