from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("allclose", "exact")


def _low_rank(rng: np.random.Generator, m: int, n: int, r: int) -> np.ndarray:
    return rng.normal(size=(m, r)) @ rng.normal(size=(r, n))


def _with_spectrum(rng: np.random.Generator, m: int, n: int, s: np.ndarray) -> np.ndarray:
    U, _ = np.linalg.qr(rng.normal(size=(m, len(s))))
    V, _ = np.linalg.qr(rng.normal(size=(n, len(s))))
    return (U * s) @ V.T


def cases(rng: np.random.Generator) -> list[Case]:
    dup = rng.normal(size=(6, 3))
    dup = np.hstack([dup, dup[:, [0]] - 2 * dup[:, [1]]])
    return [
        Case("example: rank-1 2x2", args=(np.array([[1.0, 2.0], [2.0, 4.0]]),), visible=True,
             check=CHECK),
        Case("example: invertible 2x2 (pinv = inverse)",
             args=(np.array([[2.0, 1.0], [1.0, 1.0]]),), visible=True, check=CHECK),
        *[Case(f"hidden: full-rank random {m}x{n}", args=(rng.normal(size=(m, n)),), check=CHECK)
          for m, n in [(1, 1), (5, 3), (3, 5), (30, 20)]],
        *[Case(f"hidden: {m}x{n} of rank {r}", args=(_low_rank(rng, m, n, r),), check=CHECK)
          for m, n, r in [(5, 5, 2), (10, 6, 3), (8, 12, 1)]],
        Case("edge: a column that combines two others", args=(dup,), check=CHECK, kind="edge"),
        Case("edge: small but real singular value 1e-8 is kept",
             args=(_with_spectrum(rng, 5, 4, np.array([3.0, 1.0, 1e-2, 1e-8])),), check=CHECK,
             kind="edge"),
        Case("edge: zero matrix", args=(np.zeros((3, 2)),), check=CHECK, kind="edge"),
        Case("edge: a single row", args=(np.array([[3.0, 4.0]]),), check=CHECK, kind="edge"),
        Case("edge: 1-D input", args=(np.ones(3),), raises=ValueError, kind="edge"),
    ]


def _all_inverted(A: np.ndarray) -> tuple[np.ndarray, int]:
    U, s, Vt = np.linalg.svd(np.asarray(A, dtype=float), full_matrices=False)
    with np.errstate(divide="ignore"):
        inv = np.where(s > 0, 1.0 / np.where(s > 0, s, 1.0), 0.0)
    return (Vt.T * inv) @ U.T, int(np.sum(s > 0))


MISTAKES = [
    Mistake(
        "no cutoff",
        wrong=_all_inverted,
        hint="You inverted singular values that are zero up to rounding (~1e-16), which blows "
        "up to ~1e16. Treat sigma <= max(m, n) * eps * sigma_max as zero, and do not count it "
        "in the rank.",
    ),
    Mistake(
        "transposed",
        wrong=lambda A: (lambda P, r: (P.T, r))(*_all_inverted(A)),
        hint="A+ has the shape of A transposed, (n, m): it is V Sigma+ U^T, not U Sigma+ V^T.",
    ),
]
