from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("scalar", "scalar", "scalar", "scalar")


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: samples 1..8", args=(np.arange(1.0, 9.0),), visible=True, check=CHECK),
        Case("example: 99% interval (z = 2.576)", args=(np.array([0.2, 0.9, 0.4, 0.7, 0.3]),),
             kwargs={"z": 2.576}, visible=True, check=CHECK),
        *[Case(f"hidden: f(U) = U^2 for n={n} uniform draws",
               args=(rng.random(n) ** 2,), check=CHECK)
          for n in (10, 1000, 100_000)],
        Case("hidden: exponential samples, z = 1.645",
             args=(rng.exponential(3.0, size=500),), kwargs={"z": 1.645}, check=CHECK),
        Case("hidden: indicator samples (estimating a probability)",
             args=((rng.random(400) < 0.3).astype(float),), check=CHECK),
        Case("edge: two samples", args=(rng.normal(size=2),), check=CHECK, kind="edge"),
        Case("edge: constant samples (standard error 0)", args=(np.full(6, 2.5),), check=CHECK,
             kind="edge"),
        Case("edge: integer samples", args=(np.array([3, 1, 4, 1, 5, 9, 2, 6]),), check=CHECK,
             kind="edge"),
        Case("edge: one sample", args=(np.array([1.0]),), raises=ValueError, kind="edge",
             reason="a single sample (its spread is undefined)"),
        Case("edge: 2-D samples", args=(np.ones((3, 2)),), raises=ValueError, kind="edge",
             reason="a 2-D array"),
        Case("edge: z = 0", args=(np.arange(5.0),), kwargs={"z": 0.0}, raises=ValueError,
             kind="edge", reason="z = 0"),
    ]


def _with(samples: np.ndarray, z: float, spread: str) -> tuple[float, float, float, float]:
    y = np.asarray(samples, dtype=float)
    n = y.size
    mean = float(y.sum() / n)
    ss = float(((y - mean) ** 2).sum())
    se = {
        "ddof0": np.sqrt(ss / n / n),
        "std": np.sqrt(ss / (n - 1)),
        "over_n": np.sqrt(ss / (n - 1)) / n,
        "variance": ss / (n - 1) / np.sqrt(n),
    }[spread]
    return mean, float(se), mean - z * float(se), mean + z * float(se)


MISTAKES = [
    Mistake(
        "standard deviation instead of standard error",
        wrong=lambda samples, z=1.96: _with(samples, z, "std"),
        hint="Your interval is as wide as the spread of single samples. The mean of n samples "
        "varies much less: divide the standard deviation by sqrt(n).",
    ),
    Mistake(
        "divided by n instead of n - 1",
        wrong=lambda samples, z=1.96: _with(samples, z, "ddof0"),
        hint="Close, but the sample variance here divides by n - 1 (np.std needs ddof=1).",
    ),
    Mistake(
        "standard deviation over n",
        wrong=lambda samples, z=1.96: _with(samples, z, "over_n"),
        hint="The standard error is s / sqrt(n), not s / n: variances of independent draws add, "
        "so the variance of the mean is s^2 / n.",
    ),
    Mistake(
        "variance instead of standard deviation",
        wrong=lambda samples, z=1.96: _with(samples, z, "variance"),
        hint="You used the variance s^2 where the standard deviation s belongs: take its square "
        "root.",
    ),
]
