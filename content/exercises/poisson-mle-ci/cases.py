from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("scalar", "scalar")


def cases(rng: np.random.Generator) -> list[Case]:
    example = np.array([[2, 0, 3, 1], [0, 0, 1, 0], [4, 2, 3, 3]])
    return [
        Case("example: three data sets, lam = 1.5", args=(example, 1.5), visible=True,
             check=CHECK),
        Case("example: the same with z = 1", args=(example, 1.5), kwargs={"z": 1.0},
             visible=True, check=CHECK),
        *[Case(f"hidden: R={r} data sets of n={n} counts, lam={lam}",
               args=(rng.poisson(lam, size=(r, n)), lam), check=CHECK)
          for r, n, lam in [(10, 5, 3.0), (2000, 10, 0.5), (5000, 50, 4.0), (1000, 200, 20.0)]],
        Case("hidden: 90% intervals (z = 1.645)", args=(rng.poisson(2.0, size=(3000, 8)), 2.0),
             kwargs={"z": 1.645}, check=CHECK),
        Case("edge: tiny rate, many all-zero rows",
             args=(rng.poisson(0.05, size=(4000, 6)), 0.05), check=CHECK, kind="edge"),
        Case("edge: one data set of one count", args=(np.array([[3]]), 2.0), check=CHECK,
             kind="edge"),
        Case("edge: negative count", args=(np.array([[1, 2], [-1, 0]]), 1.0), raises=ValueError,
             kind="edge", reason="a count of -1"),
        Case("edge: 1-D counts", args=(np.array([1, 2, 3]), 2.0), raises=ValueError,
             kind="edge", reason="a 1-D array (one data set needs shape (1, n))"),
        Case("edge: no data sets", args=(np.zeros((0, 4), dtype=int), 1.0), raises=ValueError,
             kind="edge", reason="R = 0 data sets"),
        Case("edge: lam = 0", args=(example, 0.0), raises=ValueError, kind="edge",
             reason="lam = 0"),
        Case("edge: z negative", args=(example, 1.5), kwargs={"z": -1.96}, raises=ValueError,
             kind="edge", reason="z = -1.96"),
    ]


def _wrong(counts: np.ndarray, lam: float, z: float, how: str) -> tuple[float, float]:
    k = np.asarray(counts, dtype=float)
    n = k.shape[1]
    lam_hat = k.mean(axis=1)
    se = {
        "no_n": np.sqrt(lam_hat),
        "lam_over_sqrt_n": lam_hat / np.sqrt(n),
        "half_width": np.sqrt(lam_hat / n),
        "sqrt_n": np.sqrt(lam_hat / n),
    }[how]
    lower, upper = lam_hat - z * se, lam_hat + z * se
    if how == "sqrt_n":
        lower, upper = lam_hat - z * np.sqrt(lam_hat) / n, lam_hat + z * np.sqrt(lam_hat) / n
        se = np.sqrt(lam_hat) / n
    covers = (lower <= lam) & (lam <= upper)
    width = z * se if how == "half_width" else 2 * z * se
    return float(covers.mean()), float(width.mean())


MISTAKES = [
    Mistake("standard error without n",
            wrong=lambda counts, lam, z=1.96: _wrong(counts, lam, z, "no_n"),
            hint="sqrt(lam_hat) is the spread of ONE count. The mean of n counts has variance "
            "lam / n (the inverse Fisher information): use sqrt(lam_hat / n)."),
    Mistake("lam_hat / sqrt(n)",
            wrong=lambda counts, lam, z=1.96: _wrong(counts, lam, z, "lam_over_sqrt_n"),
            hint="For a Poisson count the variance equals the mean, so the standard deviation "
            "is sqrt(lam), not lam: the standard error is sqrt(lam_hat / n)."),
    Mistake("sqrt(lam_hat) / n",
            wrong=lambda counts, lam, z=1.96: _wrong(counts, lam, z, "sqrt_n"),
            hint="Divide the variance by n, not the standard deviation: sqrt(lam_hat / n)."),
    Mistake("half width instead of width",
            wrong=lambda counts, lam, z=1.96: _wrong(counts, lam, z, "half_width"),
            hint="The coverage is right; the width of [lower, upper] is upper - lower = 2 z se."),
]
