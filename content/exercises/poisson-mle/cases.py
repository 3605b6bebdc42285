from __future__ import annotations

import math

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("scalar", "scalar")


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: (2, 0, 3, 1)", args=(np.array([2, 0, 3, 1]),), visible=True, check=CHECK),
        Case("example: a single count of 4", args=(np.array([4]),), visible=True, check=CHECK),
        *[Case(f"hidden: n={n} counts with rate {lam}", args=(rng.poisson(lam, size=n),),
               check=CHECK)
          for n, lam in [(5, 0.3), (100, 4.0), (2000, 25.0)]],
        Case("edge: counts near one million (k! overflows)",
             args=(rng.poisson(1e6, size=10),), check=CHECK, kind="edge"),
        Case("edge: all counts zero", args=(np.zeros(6, dtype=int),), check=CHECK, kind="edge"),
        Case("edge: mostly zeros", args=(np.array([0, 0, 0, 1, 0]),), check=CHECK, kind="edge"),
        Case("edge: negative count", args=(np.array([1, -2, 3]),), raises=ValueError,
             kind="edge"),
        Case("edge: empty", args=(np.zeros(0, dtype=int),), raises=ValueError, kind="edge"),
    ]


def _parts(counts: np.ndarray) -> tuple[int, float, float, float]:
    k = np.asarray(counts)
    total = float(k.sum())
    lam = total / k.size
    log_fact = math.fsum(math.lgamma(float(v) + 1.0) for v in k.tolist())
    return k.size, total, lam, log_fact


def _no_factorial(counts: np.ndarray) -> tuple[float, float]:
    n, total, lam, _ = _parts(counts)
    return lam, (total * math.log(lam) if total > 0 else 0.0) - n * lam


def _mean_ll(counts: np.ndarray) -> tuple[float, float]:
    n, total, lam, log_fact = _parts(counts)
    return lam, ((total * math.log(lam) if total > 0 else 0.0) - n * lam - log_fact) / n


MISTAKES = [
    Mistake(
        "log k! term missing",
        wrong=_no_factorial,
        hint="The estimate is right but the log-likelihood lacks -sum(log k_i!). It does not "
        "change lam_hat, but it is part of log P(data).",
    ),
    Mistake(
        "averaged log-likelihood",
        wrong=_mean_ll,
        hint="Sum the log-likelihood over the counts; you returned the mean.",
    ),
]

NONFINITE_HINT = (
    "overflow or 0 * log(0): take log(k!) from math.lgamma(k + 1) rather than factorial, and "
    "when every count is 0 the sum of k_i log(lam) is 0."
)
