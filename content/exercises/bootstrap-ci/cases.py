from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("scalar", "scalar")


def cases(rng: np.random.Generator) -> list[Case]:
    def table(n: int, b: int) -> np.ndarray:
        return rng.integers(0, n, size=(b, n))

    hidden = []
    for n, b, alpha, stat in [(15, 200, 0.05, "mean"), (40, 1000, 0.1, "median"),
                              (200, 2000, 0.05, "mean"), (51, 999, 0.01, "median")]:
        data = rng.lognormal(0.0, 1.0, size=n)
        hidden.append(Case(f"hidden: {stat}, n={n}, B={b}, alpha={alpha}",
                           args=(data, table(n, b)),
                           kwargs={"alpha": alpha, "statistic": stat}, check=CHECK))
    small = np.array([2.0, 4.0, 9.0])
    return [
        Case("example: x = (2, 4, 9), five resamples, alpha = 0.1",
             args=(small, np.array([[0, 1, 2], [0, 0, 1], [2, 2, 1], [1, 1, 1], [0, 2, 2]])),
             kwargs={"alpha": 0.1}, visible=True, check=CHECK),
        Case("example: the same resamples, median",
             args=(small, np.array([[0, 1, 2], [0, 0, 1], [2, 2, 1], [1, 1, 1], [0, 2, 2]])),
             kwargs={"alpha": 0.1, "statistic": "median"}, visible=True, check=CHECK),
        *hidden,
        Case("hidden: default alpha and statistic", args=(rng.normal(5.0, 2.0, 30), table(30, 500)),
             check=CHECK),
        Case("edge: even n, median of two middle values",
             args=(rng.normal(size=8), table(8, 300)), kwargs={"statistic": "median"},
             check=CHECK, kind="edge"),
        Case("edge: a single value", args=(np.array([3.5]), np.zeros((10, 1), dtype=int)),
             check=CHECK, kind="edge"),
        Case("edge: negative index", args=(small, np.array([[0, 1, -1], [2, 2, 0]])),
             raises=ValueError, kind="edge", reason="an index of -1"),
        Case("edge: index n", args=(small, np.array([[0, 1, 3], [2, 2, 0]])),
             raises=ValueError, kind="edge", reason="an index equal to n"),
        Case("edge: resamples of the wrong size", args=(small, np.zeros((4, 2), dtype=int)),
             raises=ValueError, kind="edge", reason="resamples of size 2 for n = 3"),
        Case("edge: empty x", args=(np.zeros(0), np.zeros((3, 0), dtype=int)),
             raises=ValueError, kind="edge", reason="an empty sample"),
        Case("edge: alpha = 0", args=(small, table(3, 20)), kwargs={"alpha": 0.0},
             raises=ValueError, kind="edge", reason="alpha = 0"),
        Case("edge: alpha given in percent", args=(small, table(3, 20)), kwargs={"alpha": 5.0},
             raises=ValueError, kind="edge", reason="alpha = 5"),
        Case("edge: unknown statistic", args=(small, table(3, 20)),
             kwargs={"statistic": "mode"}, raises=ValueError, kind="edge",
             reason='statistic="mode"'),
    ]


def _stats(x: np.ndarray, idx: np.ndarray, statistic: str, axis: int = 1) -> np.ndarray:
    sample = np.asarray(x, dtype=float)[np.asarray(idx)]
    return sample.mean(axis=axis) if statistic == "mean" else np.median(sample, axis=axis)


def _pair(values: np.ndarray) -> tuple[float, float]:
    return float(values[0]), float(values[1])


MISTAKES = [
    Mistake(
        "alpha not split between the tails",
        wrong=lambda x, idx, alpha=0.05, statistic="mean": _pair(
            np.quantile(_stats(x, idx, statistic), [alpha, 1 - alpha])),
        hint="Your interval is too narrow: a 1 - alpha interval leaves alpha / 2 in EACH tail, "
        "so use the levels alpha / 2 and 1 - alpha / 2.",
    ),
    Mistake(
        "statistic over the wrong axis",
        wrong=lambda x, idx, alpha=0.05, statistic="mean": _pair(
            np.quantile(_stats(x, idx, statistic, axis=0), [alpha / 2, 1 - alpha / 2])),
        hint="x[idx] has one resample per ROW: take the statistic along axis=1, giving one "
        "value per resample (B values), not one per position.",
    ),
    Mistake(
        "np.percentile with fractions",
        wrong=lambda x, idx, alpha=0.05, statistic="mean": _pair(
            np.percentile(_stats(x, idx, statistic), [alpha / 2, 1 - alpha / 2])),
        hint="np.percentile takes percents (2.5, 97.5); with fractions both bounds land near "
        "the smallest statistic. Use np.quantile, or multiply by 100.",
    ),
    Mistake(
        "basic (reflected) interval",
        wrong=lambda x, idx, alpha=0.05, statistic="mean": _pair(
            2 * _stats(x, np.arange(np.size(x))[None, :], statistic)[0]
            - np.quantile(_stats(x, idx, statistic), [1 - alpha / 2, alpha / 2])),
        hint="That is the 'basic' bootstrap interval (2 theta_hat - quantiles). Here the "
        "percentile interval is asked: the quantiles themselves.",
    ),
]
