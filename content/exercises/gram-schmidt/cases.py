from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = "sign_invariant_columns"


def _lauchli(eps: float, n: int) -> np.ndarray:
    """Columns (1, 0.., eps, 0..): nearly parallel, the classic test for lost orthogonality."""
    return np.vstack([np.ones((1, n)), eps * np.eye(n)])


def cases(rng: np.random.Generator) -> list[Case]:
    dependent = rng.normal(size=(6, 3))
    dependent = np.hstack([dependent, dependent @ rng.normal(size=(3, 1))])
    return [
        Case("example: two columns in 2-D", args=(np.array([[3.0, 1.0], [4.0, 0.0]]),),
             visible=True, check=CHECK),
        Case("example: three columns in 3-D",
             args=(np.array([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 1.0]]),),
             visible=True, check=CHECK),
        *[Case(f"hidden: random {m}x{n}", args=(rng.normal(size=(m, n)),), check=CHECK)
          for m, n in [(1, 1), (5, 3), (20, 20), (200, 30)]],
        Case("hidden: columns of very different lengths",
             args=(rng.normal(size=(8, 4)) * np.array([1e-4, 1.0, 1e3, 1e6]),), check=CHECK),
        Case("edge: nearly parallel columns (Lauchli, eps = 1e-8)",
             args=(_lauchli(1e-8, 3),), check=CHECK, kind="edge", atol=1e-6),
        Case("edge: nearly parallel columns, shuffled rows",
             args=(_lauchli(1e-8 * (1 + rng.random()), 4)[rng.permutation(5)],),
             check=CHECK, kind="edge", atol=1e-6),
        Case("edge: already orthonormal", args=(np.eye(4)[:, [2, 0, 3]],), check=CHECK,
             kind="edge"),
        Case("edge: a column that is a combination of the others", args=(dependent,),
             raises=ValueError, kind="edge", reason="a column dependent on the others"),
        Case("edge: a repeated column", args=(np.array([[1.0, 2.0, 1.0], [0.0, 1.0, 0.0],
                                                        [1.0, 0.0, 1.0]]),),
             raises=ValueError, kind="edge", reason="a repeated column"),
        Case("edge: a zero column", args=(np.array([[1.0, 0.0], [2.0, 0.0]]),),
             raises=ValueError, kind="edge", reason="a zero column"),
        Case("edge: more columns than rows", args=(rng.normal(size=(2, 3)),),
             raises=ValueError, kind="edge", reason="3 columns in 2-D"),
        Case("edge: a 1-D array", args=(np.ones(3),), raises=ValueError, kind="edge",
             reason="a 1-D array"),
    ]


def _classical(A: np.ndarray) -> np.ndarray:
    A = np.asarray(A, dtype=float)
    Q = np.zeros_like(A)
    for j in range(A.shape[1]):
        v = A[:, j] - Q[:, :j] @ (Q[:, :j].T @ A[:, j])
        Q[:, j] = v / np.linalg.norm(v)
    return Q


def _not_normalised(A: np.ndarray) -> np.ndarray:
    A = np.asarray(A, dtype=float)
    V = np.zeros_like(A)
    for j in range(A.shape[1]):
        v = A[:, j].copy()
        for i in range(j):
            v -= (V[:, i] @ v) / (V[:, i] @ V[:, i]) * V[:, i]
        V[:, j] = v
    return V


MISTAKES = [
    Mistake(
        "classical Gram-Schmidt",
        wrong=_classical,
        hint="This is classical Gram-Schmidt: every coefficient q_i . a_j uses the original "
        "column. On nearly parallel columns rounding destroys orthogonality. Compute each "
        "coefficient from the vector you are updating (q_i . v), one projection at a time.",
    ),
    Mistake(
        "orthogonal but not normalised",
        wrong=_not_normalised,
        hint="Your columns are orthogonal but not of length 1: divide each by its 2-norm.",
    ),
]
