from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("scalar", "scalar", "scalar")


def cases(rng: np.random.Generator) -> list[Case]:
    data = np.array([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
    return [
        Case("example: ddof=0", args=(data,), kwargs={"ddof": 0}, visible=True, check=CHECK),
        Case("example: ddof=1", args=(data,), kwargs={"ddof": 1}, visible=True, check=CHECK),
        *[Case(f"hidden: normal data n={n}, ddof={ddof}",
               args=(rng.normal(3.0, 2.0, size=n),), kwargs={"ddof": ddof}, check=CHECK)
          for n, ddof in [(2, 0), (5, 1), (100, 0), (10_000, 1)]],
        Case("hidden: exponential data, ddof=1", args=(rng.exponential(size=50),),
             kwargs={"ddof": 1}, check=CHECK),
        Case("hidden: ddof not passed (the default)", args=(rng.normal(-1.0, 3.0, size=30),),
             check=CHECK),
        # rtol 1e-5: a stable one-pass update (Welford) carries the ~1e-7 rounding of a running
        # mean near 1e9 into every step and ends at most 7.3e-8 (relative, measured on all 64
        # seeds) from the two-pass value; the naive one-pass formula is off by 100% or more
        # here (its variance is a multiple of ~128 / n: 0, +-128...) and a ddof mix-up by 1e-3.
        Case("edge: values near 1e9 with spread ~1 (one-pass formula fails)",
             args=(1e9 + rng.normal(size=1000),), kwargs={"ddof": 1}, check=CHECK, kind="edge",
             rtol=1e-5),
        Case("edge: a single value with ddof=0", args=(np.array([3.5]),), check=CHECK,
             kind="edge"),
        Case("edge: constant data have variance 0", args=(np.full(7, -2.0),),
             kwargs={"ddof": 1}, check=CHECK, kind="edge"),
        Case("edge: integer input", args=(np.array([1, 2, 3, 4]),), kwargs={"ddof": 1},
             check=CHECK, kind="edge"),
        Case("edge: a single value with ddof=1", args=(np.array([3.5]),), kwargs={"ddof": 1},
             raises=ValueError, kind="edge"),
        Case("edge: empty array", args=(np.zeros(0),), raises=ValueError, kind="edge"),
        Case("edge: negative ddof", args=(np.array([1.0, 2.0, 4.0]),), kwargs={"ddof": -1},
             raises=ValueError, kind="edge", reason="ddof < 0"),
    ]


def _with_divisor(x: np.ndarray, divisor: int) -> tuple[float, float, float]:
    x = np.asarray(x, dtype=float)
    m = x.sum() / x.size
    var = float(((x - m) ** 2).sum() / divisor)
    return float(m), var, float(np.sqrt(var))


def _one_pass(how: str, clamp: bool = False):
    """The one-pass formula E[x^2] - E[x]^2 as students write it: near 1e9 its variance is
    rounding noise in steps of ~128 / n, and the common spellings land on the same few steps."""

    def wrong(x: np.ndarray, ddof: int = 0) -> tuple[float, float, float]:
        x = np.asarray(x, dtype=float)
        n = x.size
        if how == "python":
            total = sum(float(v) for v in x)
            squares = sum(float(v) * float(v) for v in x)
        else:
            total, squares = float(np.sum(x)), float(np.sum(x * x))
        mean = total / n
        if how == "mean of squares":
            var = (squares / n - mean * mean) * n / (n - ddof)
        elif how == "square of sum":
            var = (squares - total * total / n) / (n - ddof)
        else:
            var = (squares - n * mean * mean) / (n - ddof)
        if clamp:
            var = max(var, 0.0)
        return mean, var, float(np.sqrt(var)) if var >= 0 else float("nan")

    return wrong


ONE_PASS_HINT = (
    "Your variance is off only on the data near 1e9: that is the one-pass formula "
    "mean(x^2) - mean(x)^2 (or sum(x^2) - n * mean^2). Both terms are about 1e18, where a "
    "double is only accurate to about 128, so their difference is rounding noise. Compute the "
    "mean first, then sum the squared deviations (x - mean)^2."
)

MISTAKES = [
    *[
        Mistake(f"one-pass formula ({how}{', clamped at 0' if clamp else ''})",
                wrong=_one_pass(how, clamp), hint=ONE_PASS_HINT)
        for how in ("sum of squares", "mean of squares", "square of sum", "python")
        for clamp in (False, True)
    ],
    Mistake(
        "default ddof=1",
        wrong=lambda x, ddof=1: _with_divisor(x, np.size(x) - ddof),
        hint="Called without ddof, your function divided by n - 1: the default must be ddof=0 "
        "(def mean_var_std(x, ddof=0)), the population variance, as in np.var.",
    ),
    Mistake(
        "ddof ignored (always n)",
        wrong=lambda x, ddof=0: _with_divisor(x, np.size(x)),
        hint="The variance must divide by n - ddof; with ddof=1 that is n - 1 (Bessel's "
        "correction).",
    ),
    Mistake(
        "always n - 1",
        wrong=lambda x, ddof=0: _with_divisor(x, np.size(x) - 1),
        hint="You always divided by n - 1. Use n - ddof: with ddof=0 divide by n.",
    ),
]

NONFINITE_HINT = (
    "your variance went negative (so its square root is nan): the one-pass formula "
    "mean(x^2) - mean(x)^2 cancels catastrophically for data far from 0. Subtract the mean "
    "first, then square."
)
