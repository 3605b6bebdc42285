from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("scalar", "scalar")


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: (1, 0, 1, 1)", args=(np.array([1, 0, 1, 1]),), visible=True, check=CHECK),
        Case("example: ten flips, four ones",
             args=(np.array([0, 1, 0, 0, 1, 0, 1, 0, 0, 1]),), visible=True, check=CHECK),
        *[Case(f"hidden: n={n} draws with p={p}",
               args=((rng.random(n) < p).astype(int),), check=CHECK)
          for n, p in [(3, 0.5), (100, 0.2), (10_000, 0.63)]],
        Case("hidden: float zeros and ones", args=((rng.random(50) < 0.5).astype(float),),
             check=CHECK),
        Case("edge: all ones (0 log 0)", args=(np.ones(6, dtype=int),), check=CHECK, kind="edge"),
        Case("edge: all zeros (0 log 0)", args=(np.zeros(5, dtype=int),), check=CHECK,
             kind="edge"),
        Case("edge: a single observation", args=(np.array([1]),), check=CHECK, kind="edge"),
        Case("edge: a value of 2", args=(np.array([0, 1, 2]),), raises=ValueError, kind="edge"),
        Case("edge: empty", args=(np.zeros(0),), raises=ValueError, kind="edge"),
    ]


def _ll(s: float, n: int, p: float) -> float:
    return (s * np.log(p) if s > 0 else 0.0) + ((n - s) * np.log1p(-p) if s < n else 0.0)


def _mean_ll(x: np.ndarray) -> tuple[float, float]:
    x = np.asarray(x, dtype=float)
    p = x.sum() / x.size
    return float(p), float(_ll(x.sum(), x.size, p) / x.size)


def _zeros_fraction(x: np.ndarray) -> tuple[float, float]:
    x = np.asarray(x, dtype=float)
    p = 1 - x.sum() / x.size
    return float(p), float(_ll(x.sum(), x.size, 1 - p))


MISTAKES = [
    Mistake(
        "averaged log-likelihood",
        wrong=_mean_ll,
        hint="Your log-likelihood is the mean over observations; the likelihood of the whole "
        "data set is a product, so its log is the *sum*.",
    ),
    Mistake(
        "fraction of zeros",
        wrong=_zeros_fraction,
        hint="p is the probability of a 1, so p_hat is the fraction of ones.",
    ),
]

NONFINITE_HINT = (
    "0 * log(0) gave nan: when all observations are equal, the term with a zero count is 0 "
    "by convention. Skip it instead of computing it."
)
