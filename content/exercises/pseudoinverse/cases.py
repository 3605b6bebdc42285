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
        # A cutoff must scale with sigma_1: a fixed one (1e-10, 1e-12...) calls every
        # singular value of a full-rank matrix with tiny entries zero, and keeps the rounding
        # noise (~1e-7 here) of a rank-deficient matrix with huge entries.
        Case("edge: full rank with tiny entries (scale 1e-13)",
             args=(rng.normal(size=(4, 3)) * 1e-13,), check=CHECK, kind="edge"),
        Case("edge: rank 2 with huge entries (scale 1e9)",
             args=(_low_rank(rng, 6, 5, 2) * 1e9,), check=CHECK, kind="edge"),
        Case("edge: zero matrix", args=(np.zeros((3, 2)),), check=CHECK, kind="edge"),
        Case("edge: a single row", args=(np.array([[3.0, 4.0]]),), check=CHECK, kind="edge"),
        Case("edge: 1-D input", args=(np.ones(3),), raises=ValueError, kind="edge"),
    ]


def _all_inverted(A: np.ndarray) -> tuple[np.ndarray, int]:
    U, s, Vt = np.linalg.svd(np.asarray(A, dtype=float), full_matrices=False)
    with np.errstate(divide="ignore"):
        inv = np.where(s > 0, 1.0 / np.where(s > 0, s, 1.0), 0.0)
    return (Vt.T * inv) @ U.T, int(np.sum(s > 0))


def _pinv(A: np.ndarray, cutoff: float | None = None) -> tuple[np.ndarray, int]:
    A = np.asarray(A, dtype=float)
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    if cutoff is None:
        cutoff = max(A.shape) * np.finfo(float).eps * (s[0] if s.size else 0.0)
    keep = s > cutoff
    inv = np.zeros_like(s)
    inv[keep] = 1.0 / s[keep]
    return (Vt.T * inv) @ U.T, int(keep.sum())


MISTAKES = [
    Mistake(
        "transposed",
        wrong=lambda A: (lambda P, r: (P.T, r))(*_pinv(A)),
        hint="A+ has the shape of A transposed, (n, m): it is V Sigma+ U^T, not U Sigma+ V^T.",
    ),
    Mistake(
        "fixed cutoff",
        wrong=lambda A: _pinv(A, 1e-10),
        hint="Your cutoff is a fixed number, but whether sigma_i is rounding noise depends on "
        "the size of A: scale it, sigma_i <= max(m, n) * eps * sigma_1 counts as zero. A matrix "
        "with entries near 1e-13 is not zero, and one with entries near 1e9 has noise near 1e-7.",
    ),
    Mistake(
        "no cutoff",
        wrong=_all_inverted,
        hint="You inverted singular values that are zero up to rounding (~1e-16), which blows "
        "up to ~1e16. Treat sigma <= max(m, n) * eps * sigma_max as zero, and do not count it "
        "in the rank.",
    ),
]
