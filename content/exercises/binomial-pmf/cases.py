from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: n=4, p=0.5", args=(np.arange(5), 4, 0.5), visible=True),
        Case("example: n=10, p=0.3, a few k", args=(np.array([0, 3, 10]), 10, 0.3),
             visible=True),
        Case("hidden: n=20, p=0.9, all k", args=(np.arange(21), 20, 0.9)),
        Case("hidden: n=200, p=0.05, random k", args=(rng.integers(0, 201, size=30), 200, 0.05)),
        Case("hidden: n=1000, p=0.37, k around the mean",
             args=(np.arange(300, 450, 7), 1000, 0.37)),
        Case("edge: n=5000, p=0.5, all k (C(n, k) overflows)", args=(np.arange(5001), 5000, 0.5),
             kind="edge"),
        Case("edge: p=0 puts all mass at k=0", args=(np.arange(4), 3, 0.0), kind="edge"),
        Case("edge: p=1 puts all mass at k=n", args=(np.arange(4), 3, 1.0), kind="edge"),
        Case("edge: n=0", args=(np.array([0, 1]), 0, 0.4), kind="edge"),
        Case("edge: k outside 0..n has probability 0", args=(np.array([-1, 2, 6]), 5, 0.5),
             kind="edge"),
        Case("edge: p above 1", args=(np.arange(3), 2, 1.5), raises=ValueError, kind="edge"),
        Case("edge: negative n", args=(np.arange(3), -2, 0.5), raises=ValueError, kind="edge"),
        Case("edge: n is not an integer", args=(np.arange(3), 2.5, 0.5), raises=ValueError,
             kind="edge"),
        Case("edge: negative p", args=(np.arange(3), 2, -0.1), raises=ValueError, kind="edge"),
    ]


def _log_parts(k: np.ndarray, n: int, p: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    kk = np.clip(np.asarray(k), 0, n).astype(int)
    log_fact = np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, int(n) + 1)))])
    with np.errstate(divide="ignore", invalid="ignore"):
        log_p = np.where(kk > 0, kk * np.log(p), 0.0)
        log_q = np.where(n - kk > 0, (n - kk) * np.log1p(-p), 0.0)
    return log_fact[n] - log_fact[kk] - log_fact[n - kk], log_p, log_q


def _no_choose(k: np.ndarray, n: int, p: float) -> np.ndarray:
    _, log_p, log_q = _log_parts(k, n, p)
    return np.exp(log_p + log_q)


def _swapped(k: np.ndarray, n: int, p: float) -> np.ndarray:
    choose, _, _ = _log_parts(k, n, p)
    _, log_p, log_q = _log_parts(k, n, 1.0 - p)
    return np.exp(choose + log_p + log_q)


MISTAKES = [
    Mistake(
        "binomial coefficient missing",
        wrong=_no_choose,
        hint="p^k (1-p)^(n-k) is the probability of one particular sequence; multiply by "
        "C(n, k), the number of sequences with k successes.",
    ),
    Mistake(
        "p and 1 - p swapped",
        wrong=_swapped,
        hint="Your distribution is mirrored: k counts successes, which have probability p.",
    ),
]

NONFINITE_HINT = (
    "overflow or 0 * log(0): for large n, compute the log of the pmf with math.lgamma and "
    "exponentiate at the end; for p = 0 or 1, skip terms whose exponent is 0."
)
