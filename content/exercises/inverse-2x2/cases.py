from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _random_invertible(rng: np.random.Generator, scale: float) -> np.ndarray:
    """A non-symmetric matrix with |det| well away from 0 (a transposed inverse is then wrong)."""
    while True:
        A = rng.normal(scale=scale, size=(2, 2))
        if abs(np.linalg.det(A)) > 0.1 * scale**2 and abs(A[0, 1] - A[1, 0]) > 0.1 * scale:
            return A


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: [[4, 7], [2, 6]]", args=(np.array([[4.0, 7.0], [2.0, 6.0]]),), visible=True),
        Case("example: a diagonal matrix", args=(np.array([[2.0, 0.0], [0.0, -4.0]]),),
             visible=True),
        *[
            Case(f"hidden: random matrix #{i + 1}", args=(_random_invertible(rng, scale),))
            for i, scale in enumerate((1.0, 1.0, 10.0, 0.01))
        ],
        Case("hidden: integer entries", args=(np.array([[3, 1], [5, 2]]),), dtype="float"),
        Case("edge: zero in the top-left corner", args=(np.array([[0.0, 2.0], [-3.0, 1.0]]),),
             kind="edge"),
        Case("edge: negative determinant", args=(np.array([[1.0, 3.0], [2.0, 1.0]]),),
             kind="edge"),
        Case("edge: nearly singular (det = 0.001)", args=(np.array([[1.0, 2.0], [2.0, 4.001]]),),
             kind="edge", rtol=1e-7),
        Case("edge: singular, second row twice the first",
             args=(np.array([[1.0, 2.0], [2.0, 4.0]]),), raises=ValueError, kind="edge",
             reason="a singular matrix (det = 0)"),
        Case("edge: singular, integer entries", args=(np.array([[3, -6], [-1, 2]]),),
             raises=ValueError, kind="edge", reason="a singular matrix (det = 0)"),
        Case("edge: the zero matrix", args=(np.zeros((2, 2)),), raises=ValueError, kind="edge",
             reason="a singular matrix (det = 0)"),
    ]


def _parts(A: np.ndarray) -> tuple[float, float, float, float, float]:
    (a, b), (c, d) = np.asarray(A, dtype=float)
    return a, b, c, d, a * d - b * c


def _transposed(A: np.ndarray) -> np.ndarray:
    a, b, c, d, det = _parts(A)
    return np.array([[d, -c], [-b, a]]) / det


def _no_sign_change(A: np.ndarray) -> np.ndarray:
    a, b, c, d, det = _parts(A)
    return np.array([[d, b], [c, a]]) / det


def _no_swap(A: np.ndarray) -> np.ndarray:
    a, b, c, d, det = _parts(A)
    return np.array([[a, -b], [-c, d]]) / det


def _no_division(A: np.ndarray) -> np.ndarray:
    a, b, c, d, _ = _parts(A)
    return np.array([[d, -b], [-c, a]])


def _times_det(A: np.ndarray) -> np.ndarray:
    a, b, c, d, det = _parts(A)
    return np.array([[d, -b], [-c, a]]) * det


def _negated_det(A: np.ndarray) -> np.ndarray:
    a, b, c, d, det = _parts(A)
    return np.array([[d, -b], [-c, a]]) / -det


MISTAKES = [
    Mistake("transposed inverse", wrong=_transposed,
            hint="Your result is the transpose of the inverse: the off-diagonal entries -b and -c "
            "keep their places (top-right is -b, bottom-left is -c); only the diagonal entries "
            "swap."),
    Mistake("off-diagonal signs kept", wrong=_no_sign_change,
            hint="Negate the off-diagonal entries: the top-right entry is -b and the bottom-left "
            "is -c."),
    Mistake("diagonal not swapped", wrong=_no_swap,
            hint="Swap the diagonal entries: the top-left entry of the inverse is d, the "
            "bottom-right is a."),
    Mistake("not divided by det", wrong=_no_division,
            hint="That matrix is the adjugate; divide every entry by det(A) = ad - bc."),
    Mistake("multiplied by det", wrong=_times_det,
            hint="Divide by the determinant instead of multiplying by it."),
    Mistake("determinant with the wrong sign", wrong=_negated_det,
            hint="Every entry has the wrong sign: det(A) = ad - bc, not bc - ad."),
]
