from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _random_system(rng: np.random.Generator, scale: float) -> tuple[np.ndarray, np.ndarray]:
    while True:  # deterministic for a given seed; rejects nearly singular draws
        A = rng.normal(size=(2, 2))
        if abs(np.linalg.det(A)) >= 0.5:
            return A * scale, rng.normal(size=2) * scale


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: 2x1 + x2 = 5, x1 + 3x2 = 10",
             args=(np.array([[2.0, 1.0], [1.0, 3.0]]), np.array([5.0, 10.0])), visible=True),
        Case("example: negative determinant",
             args=(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([1.0, 1.0])), visible=True),
        *[Case(f"hidden: random system #{i + 1}", args=_random_system(rng, 1.0))
          for i in range(5)],
        Case("hidden: large entries", args=_random_system(rng, 1e6)),
        Case("hidden: small entries", args=_random_system(rng, 1e-6)),
        Case("edge: zero top-left entry",
             args=(np.array([[0.0, 2.0], [3.0, 1.0]]), np.array([4.0, 5.0])), kind="edge"),
        Case("edge: b = 0 gives x = 0",
             args=(np.array([[4.0, -2.0], [1.0, 1.0]]), np.zeros(2)), kind="edge"),
        Case("edge: integer arrays",
             args=(np.array([[3, 1], [1, 2]]), np.array([9, 8])), kind="edge"),
        Case("edge: singular, proportional rows",
             args=(np.array([[1.0, 2.0], [2.0, 4.0]]), np.array([3.0, 6.0])),
             raises=ValueError, kind="edge"),
        Case("edge: singular, zero matrix", args=(np.zeros((2, 2)), np.ones(2)),
             raises=ValueError, kind="edge"),
        Case("edge: 3x3 matrix", args=(np.eye(3), np.ones(3)), raises=ValueError, kind="edge"),
    ]


def _cramer(A: np.ndarray, b: np.ndarray) -> tuple[float, float, float, float, float, float]:
    (a, bb), (c, d) = np.asarray(A, dtype=float)
    e, f = np.asarray(b, dtype=float)
    return a, bb, c, d, e, f


def _transposed(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    a, bb, c, d, e, f = _cramer(A, b)
    return np.array([e * d - c * f, a * f - e * bb]) / (a * d - bb * c)


def _swapped(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    a, bb, c, d, e, f = _cramer(A, b)
    return np.array([a * f - e * c, e * d - bb * f]) / (a * d - bb * c)


MISTAKES = [
    Mistake(
        "solved the transposed system",
        wrong=_transposed,
        hint="You solved A^T x = b: row i of A holds the coefficients of equation i, so b "
        "replaces a *column* of A in Cramer's rule.",
    ),
    Mistake(
        "x1 and x2 swapped",
        wrong=_swapped,
        hint="Your two components are swapped: x1 comes from replacing column 1 of A by b.",
    ),
]
