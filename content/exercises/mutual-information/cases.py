from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _dependent_counts(rng: np.random.Generator, rows: int, cols: int, n: int) -> np.ndarray:
    # Y depends on X through a noisy map, so the table is far from independent.
    x = rng.integers(0, rows, size=n)
    y = np.where(rng.random(n) < 0.6, x % cols, rng.integers(0, cols, size=n))
    table = np.zeros((rows, cols))
    np.add.at(table, (x, y), 1)
    return table


def cases(rng: np.random.Generator) -> list[Case]:
    hidden = [
        Case(f"hidden: {r}x{c} counts from n={n} samples", args=(_dependent_counts(rng, r, c, n),),
             check="scalar")
        for r, c, n in [(2, 3, 50), (5, 5, 1000), (20, 12, 5000), (50, 50, 20000)]
    ]
    sparse = rng.integers(0, 4, size=(8, 6)).astype(float) * (rng.random((8, 6)) < 0.4)
    sparse[0, 0] = 5.0  # at least one non-zero cell
    perm = np.eye(6)[rng.permutation(6)] * rng.integers(1, 10, size=6)[:, None]
    px, py = rng.dirichlet(np.ones(4)), rng.dirichlet(np.ones(7))
    return [
        Case("example: rain and umbrellas (counts)",
             args=(np.array([[30.0, 10.0], [10.0, 50.0]]),), visible=True, check="scalar"),
        Case("example: proportional rows (independent)",
             args=(np.array([[2.0, 6.0], [1.0, 3.0]]),), visible=True, check="scalar"),
        *hidden,
        Case("hidden: a sparse table with many zero cells", args=(sparse,), check="scalar"),
        Case("hidden: probabilities that already sum to 1",
             args=(rng.dirichlet(np.ones(12)).reshape(3, 4),), check="scalar"),
        Case("edge: independent 4x7 table (outer product)", args=(np.outer(px, py),),
             check="scalar", kind="edge"),
        Case("edge: Y is a function of X (permutation table)", args=(perm,), check="scalar",
             kind="edge"),
        Case("edge: a single row", args=(np.array([[3.0, 1.0, 4.0]]),), check="scalar",
             kind="edge"),
        Case("edge: integer counts", args=(np.array([[4, 0], [0, 4]]),), check="scalar",
             kind="edge"),
        Case("edge: a 1-D array", args=(np.array([0.5, 0.5]),), raises=ValueError,
             kind="edge", reason="a 1-D array instead of a table"),
        Case("edge: a negative count", args=(np.array([[3.0, -1.0], [2.0, 2.0]]),),
             raises=ValueError, kind="edge", reason="a negative entry"),
        Case("edge: all zeros", args=(np.zeros((2, 3)),), raises=ValueError, kind="edge",
             reason="a table that sums to 0"),
        Case("edge: an empty table", args=(np.zeros((0, 3)),), raises=ValueError, kind="edge",
             reason="an empty table"),
    ]


def _mi(table, log=np.log2, normalise=True) -> float:
    P = np.asarray(table, dtype=float)
    if normalise:
        P = P / P.sum()
    px, py = P.sum(axis=1, keepdims=True), P.sum(axis=0, keepdims=True)
    mask = P > 0
    return float((P[mask] * log(P[mask] / (px * py)[mask])).sum())


MISTAKES = [
    Mistake(
        "nats instead of bits",
        wrong=lambda joint: _mi(joint, log=np.log),
        hint="Your value is in nats (natural log). The answer is in bits: use np.log2.",
    ),
    Mistake(
        "counts not normalised",
        wrong=lambda joint: _mi(joint, normalise=False),
        hint="The table holds counts: divide it by its total first, so that the joint "
        "probabilities sum to 1, before computing marginals and logs.",
    ),
]

NONFINITE_HINT = (
    "nan from 0 * log(0): a cell with p(x, y) = 0 contributes 0. Sum only over the cells "
    "with P > 0."
)
