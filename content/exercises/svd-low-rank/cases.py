from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("allclose", "scalar")


def _with_spectrum(rng: np.random.Generator, m: int, n: int, s: np.ndarray) -> np.ndarray:
    U, _ = np.linalg.qr(rng.normal(size=(m, len(s))))
    V, _ = np.linalg.qr(rng.normal(size=(n, len(s))))
    return (U * s) @ V.T


def cases(rng: np.random.Generator) -> list[Case]:
    decaying = _with_spectrum(rng, 30, 20, 2.0 ** -np.arange(20))
    rank3 = _with_spectrum(rng, 12, 9, np.array([5.0, 3.0, 1.0]))
    return [
        Case("example: diag(3, 1), k=1", args=(np.diag([3.0, 1.0]), 1), visible=True,
             check=CHECK),
        Case("example: 2x3 matrix, k=1",
             args=(np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.5]]), 1), visible=True, check=CHECK),
        *[Case(f"hidden: random {m}x{n}, k={k}", args=(rng.normal(size=(m, n)), k), check=CHECK)
          for m, n, k in [(5, 5, 2), (20, 8, 3), (8, 20, 3), (60, 40, 10)]],
        Case("hidden: fast-decaying spectrum, k=5", args=(decaying, 5), check=CHECK),
        Case("edge: exact rank 3 reproduced with k=3", args=(rank3, 3), check=CHECK,
             kind="edge"),
        Case("edge: k=0 gives zeros", args=(rng.normal(size=(4, 3)), 0), check=CHECK,
             kind="edge"),
        Case("edge: full rank k=min(m, n)", args=(rng.normal(size=(3, 6)), 3), check=CHECK,
             kind="edge"),
        Case("edge: zero matrix", args=(np.zeros((3, 3)), 2), check=CHECK, kind="edge"),
        Case("edge: k too large", args=(np.ones((3, 4)), 4), raises=ValueError, kind="edge"),
        Case("edge: negative k", args=(np.ones((3, 4)), -1), raises=ValueError, kind="edge"),
    ]


def _pieces(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return np.linalg.svd(np.asarray(A, dtype=float), full_matrices=False)


def _smallest(A: np.ndarray, k: int) -> tuple[np.ndarray, float]:
    U, s, Vt = _pieces(A)
    r = len(s)
    A_k = (U[:, r - k :] * s[r - k :]) @ Vt[r - k :] if k else np.zeros(np.shape(A))
    return A_k, float(np.sqrt(np.sum(s[: r - k] ** 2) / np.sum(s**2)))


def _v_not_vt(A: np.ndarray, k: int) -> tuple[np.ndarray, float]:
    U, s, Vt = _pieces(A)
    V = Vt.T
    if V.shape[1] != U.shape[1]:
        return np.zeros(np.shape(A)), 0.0
    return (U[:, :k] * s[:k]) @ V[:k], float(np.sqrt(np.sum(s[k:] ** 2) / np.sum(s**2)))


def _error_not_relative(A: np.ndarray, k: int) -> tuple[np.ndarray, float]:
    U, s, Vt = _pieces(A)
    return (U[:, :k] * s[:k]) @ Vt[:k], float(np.sqrt(np.sum(s[k:] ** 2)))


MISTAKES = [
    Mistake(
        "kept the smallest singular values",
        wrong=_smallest,
        hint="np.linalg.svd returns singular values in decreasing order: keep the first k, "
        "which carry the most energy.",
    ),
    Mistake(
        "used V where V^T is needed",
        wrong=_v_not_vt,
        hint="The third output of np.linalg.svd is already V^T: its first k *rows* are the "
        "right singular vectors you need.",
    ),
    Mistake(
        "absolute instead of relative error",
        wrong=_error_not_relative,
        hint="Your error is ||A - A_k||_F; divide it by ||A||_F = sqrt(sum of all sigma^2).",
    ),
]
