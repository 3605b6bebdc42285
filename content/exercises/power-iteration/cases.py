from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("allclose", "sign_invariant_columns")


def _spd(rng: np.random.Generator, n: int, k: int) -> np.ndarray:
    """A symmetric PSD matrix whose top k+1 eigenvalues are at most 0.7 of each other."""
    top = 10.0 * 0.7 ** np.arange(min(k + 1, n))
    rest = rng.uniform(0.0, top[-1] * 0.7, size=n - len(top))
    eigenvalues = np.concatenate([top, rest])
    Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    return (Q * eigenvalues) @ Q.T


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: [[2, 1], [1, 2]], k=1",
             args=(np.array([[2.0, 1.0], [1.0, 2.0]]), 1), visible=True, check=CHECK),
        Case("example: diagonal diag(1, 5, 2), k=2",
             args=(np.diag([1.0, 5.0, 2.0]), 2), visible=True, check=CHECK),
        *[Case(f"hidden: random {n}x{n}, k={k}", args=(_spd(rng, n, k), k), check=CHECK)
          for n, k in [(3, 1), (5, 2), (10, 3), (40, 4), (100, 2)]],
        Case("hidden: all eigenpairs of a 4x4", args=(_spd(rng, 4, 4), 4), check=CHECK),
        Case("edge: 1x1 matrix", args=(np.array([[7.0]]), 1), check=CHECK, kind="edge"),
        Case("edge: dominant eigenvector orthogonal to all ones",
             args=(np.array([[2.0, -1.0], [-1.0, 2.0]]), 1), check=CHECK, kind="edge"),
        Case("edge: 4x4 whose dominant eigenvector is (1, -1, 1, -1)/2",
             args=(np.eye(4) + 2.0 * np.outer([1, -1, 1, -1], [1, -1, 1, -1]) / 4, 1),
             check=CHECK, kind="edge"),
        Case("edge: k larger than n", args=(np.eye(3), 4), raises=ValueError, kind="edge"),
        Case("edge: not square", args=(np.ones((2, 3)), 1), raises=ValueError, kind="edge"),
    ]


def _from_ones(A: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Power iteration with deflation, started from the all-ones vector."""
    A = np.array(A, dtype=float)
    n = A.shape[0]
    values, vectors = np.empty(k), np.empty((n, k))
    for j in range(k):
        v = np.ones(n) / np.sqrt(n)
        for _ in range(2000):
            w = A @ v
            v = w / np.linalg.norm(w)
        values[j], vectors[:, j] = v @ A @ v, v
        A -= values[j] * np.outer(v, v)
    return values, vectors


MISTAKES = [
    Mistake(
        "started from all ones",
        wrong=_from_ones,
        hint="You found an eigenvector, but not the dominant one: your start vector had no "
        "component along it, so the iteration can never reach it. Start from a random vector.",
    ),
]

NONFINITE_HINT = (
    "a NaN appears when you divide by the norm of a zero vector: after deflating, make sure you "
    "subtract lambda * v v^T with a unit-length v."
)
