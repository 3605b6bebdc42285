from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _spd(rng: np.random.Generator, n: int) -> np.ndarray:
    B = rng.normal(size=(n, n))
    return B @ B.T + n * np.eye(n)


def cases(rng: np.random.Generator) -> list[Case]:
    hilbert = 1.0 / (np.arange(5)[:, None] + np.arange(5)[None, :] + 1.0)
    asym = _spd(rng, 3)
    asym[0, 2] += 1.0
    return [
        Case("example: 2x2", args=(np.array([[4.0, 2.0], [2.0, 3.0]]),), visible=True),
        Case("example: 3x3",
             args=(np.array([[4.0, 12.0, -16.0], [12.0, 37.0, -43.0], [-16.0, -43.0, 98.0]]),),
             visible=True),
        *[Case(f"hidden: random positive definite {n}x{n}", args=(_spd(rng, n),))
          for n in (1, 4, 10, 60)],
        Case("hidden: a covariance matrix of correlated data",
             args=(np.cov(rng.normal(size=(200, 5)) @ rng.normal(size=(5, 5)), rowvar=False),)),
        Case("edge: Hilbert matrix 5x5 (condition number ~5e5)", args=(hilbert,), kind="edge",
             rtol=1e-7),
        Case("edge: diagonal", args=(np.diag(rng.uniform(0.5, 4.0, size=4)),), kind="edge"),
        Case("edge: symmetric with a positive diagonal but indefinite",
             args=(np.array([[1.0, 2.0], [2.0, 1.0]]),), raises=ValueError, kind="edge",
             reason="an indefinite matrix (eigenvalues 3 and -1)"),
        Case("edge: positive semidefinite but singular",
             args=(np.array([[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 2.0]]),),
             raises=ValueError, kind="edge", reason="a singular matrix (a zero pivot)"),
        Case("edge: negative definite", args=(-_spd(rng, 3),), raises=ValueError, kind="edge",
             reason="a negative definite matrix"),
        Case("edge: not symmetric", args=(asym,), raises=ValueError, kind="edge",
             reason="a non-symmetric matrix"),
        Case("edge: not square", args=(np.ones((2, 3)),), raises=ValueError, kind="edge",
             reason="a 2x3 matrix"),
    ]


def _chol(A: np.ndarray) -> np.ndarray:
    return np.linalg.cholesky(np.asarray(A, dtype=float))


def _no_sqrt(A: np.ndarray) -> np.ndarray:
    L = _chol(A)
    d = np.diag(L)
    return L / d * d**2  # columns scaled so the diagonal holds the pivots, not their roots


MISTAKES = [
    Mistake(
        "upper factor",
        wrong=lambda A: _chol(A).T,
        hint="You returned the upper-triangular factor L^T. The task asks for the lower one: "
        "entries above the diagonal are 0.",
    ),
    Mistake(
        "pivots without the square root",
        wrong=_no_sqrt,
        hint="The diagonal holds the pivots a_jj - sum l_jk^2 themselves; l_jj is their square "
        "root, and the entries below it are divided by that root.",
    ),
]

NONFINITE_HINT = (
    "np.sqrt of a negative pivot is nan: that pivot says the matrix is not positive definite, "
    "so raise ValueError before taking the root."
)
