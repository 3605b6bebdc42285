from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    A = rng.normal(size=(6, 3))
    inside = A @ rng.normal(size=3)
    normal = rng.normal(size=(6, 3))
    orthogonal = normal[:, 0] - A @ np.linalg.solve(A.T @ A, A.T @ normal[:, 0])
    dep = rng.normal(size=(5, 2))
    dep = np.hstack([dep, dep @ np.array([[2.0], [-1.0]])])
    return [
        Case("example: onto a line",
             args=(np.array([[1.0], [2.0], [2.0]]), np.array([3.0, 0.0, 3.0])), visible=True),
        Case("example: onto the xy-plane with a skewed basis",
             args=(np.array([[1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]), np.array([3.0, 4.0, 5.0])),
             visible=True),
        *[Case(f"hidden: random {m}x{n}", args=(rng.normal(size=(m, n)), rng.normal(size=m)))
          for m, n in [(2, 1), (5, 2), (30, 10), (300, 40)]],
        Case("hidden: nearly parallel columns",
             args=(np.array([[1.0, 1.0], [0.0, 0.1], [0.0, 0.0], [1.0, 1.0]]),
                   rng.normal(size=4))),
        Case("edge: y already in the subspace", args=(A, inside), kind="edge"),
        Case("edge: y orthogonal to the subspace", args=(A, orthogonal), kind="edge"),
        Case("edge: the whole space (square A)", args=(rng.normal(size=(4, 4)) + 3 * np.eye(4),
                                                      rng.normal(size=4)), kind="edge"),
        Case("edge: dependent columns", args=(dep, rng.normal(size=5)), raises=ValueError,
             kind="edge", reason="a column that is a combination of the others"),
        Case("edge: more columns than rows", args=(rng.normal(size=(2, 3)), np.ones(2)),
             raises=ValueError, kind="edge", reason="3 columns in 2-D"),
        Case("edge: y of the wrong length", args=(np.ones((3, 1)), np.ones(4)),
             raises=ValueError, kind="edge", reason="A with 3 rows and y of length 4"),
        Case("edge: a 1-D A", args=(np.ones(3), np.ones(3)), raises=ValueError, kind="edge",
             reason="a 1-D A"),
    ]


def _separately(A: np.ndarray, y: np.ndarray) -> np.ndarray:
    A, y = np.asarray(A, dtype=float), np.asarray(y, dtype=float)
    return A @ ((A.T @ y) / (A * A).sum(axis=0))


def _no_inverse(A: np.ndarray, y: np.ndarray) -> np.ndarray:
    A, y = np.asarray(A, dtype=float), np.asarray(y, dtype=float)
    return A @ (A.T @ y)


def _residual(A: np.ndarray, y: np.ndarray) -> np.ndarray:
    A, y = np.asarray(A, dtype=float), np.asarray(y, dtype=float)
    return y - A @ np.linalg.solve(A.T @ A, A.T @ y)


MISTAKES = [
    Mistake(
        "projections onto each column added up",
        wrong=_separately,
        hint="Adding the projections onto each column works only for orthogonal columns. With "
        "a skewed basis, solve (A^T A) c = A^T y for all coefficients at once, or "
        "orthonormalise the columns first.",
    ),
    Mistake(
        "A A^T y without (A^T A)^-1",
        wrong=_no_inverse,
        hint="A A^T y is a projection only when the columns are orthonormal. In general "
        "P = A (A^T A)^-1 A^T.",
    ),
    Mistake(
        "residual instead of projection",
        wrong=_residual,
        hint="You returned y - p, the part of y orthogonal to the subspace. The task asks for p.",
    ),
]
