from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    x = np.array([3.0, -4.0])
    hidden = []
    for p in [1, 2, 3, 1.5, "inf"]:
        for n in [1, 10, 1000]:
            hidden.append(Case(f"hidden: p={p}, random n={n}", args=(rng.normal(size=n) * 5, p),
                               check="scalar"))
    return [
        Case("example: (3, -4) with p=1", args=(x, 1), visible=True, check="scalar"),
        Case("example: (3, -4) with p=2", args=(x, 2), visible=True, check="scalar"),
        Case("example: (3, -4) with p='inf'", args=(x, "inf"), visible=True, check="scalar"),
        *hidden,
        Case("edge: all entries negative, p=3", args=(-rng.uniform(1, 2, size=6), 3),
             check="scalar", kind="edge"),
        Case("edge: all entries negative, p='inf'", args=(-rng.uniform(1, 2, size=6), "inf"),
             check="scalar", kind="edge"),
        Case("edge: empty vector, p=2", args=(np.zeros(0), 2), check="scalar", kind="edge"),
        Case("edge: empty vector, p='inf'", args=(np.zeros(0), "inf"), check="scalar",
             kind="edge"),
        Case("edge: zero vector, p=2", args=(np.zeros(4), 2), check="scalar", kind="edge"),
        Case("edge: entries near 1e200, p=2",
             args=(np.array([3e200, -4e200, 1e199]), 2), check="scalar", kind="edge"),
        Case("edge: p=0.5 is not a norm", args=(x, 0.5), raises=ValueError, kind="edge"),
        Case("edge: p='max' is unknown", args=(x, "max"), raises=ValueError, kind="edge"),
    ]


def _scaled_power_sum(x: np.ndarray, p: float) -> tuple[float, float]:
    """(s, sum((x / s) ** p)) with s = max|x|: the wrong answers below must not overflow
    either, or their inf would "match" any student's overflowing inf and show their hint."""
    x = np.asarray(x, dtype=float)
    s = float(np.abs(x).max()) if x.size else 0.0
    return s, float(((x / s) ** p).sum()) if s else 0.0


def _no_abs(x: np.ndarray, p: float | str) -> float:
    x = np.asarray(x, dtype=float)
    if p == "inf":
        return float(x.max())
    s, total = _scaled_power_sum(x, p)
    return s * total ** (1.0 / p)


def _no_root(x: np.ndarray, p: float | str) -> float:
    a = np.abs(np.asarray(x, dtype=float))
    if p == "inf":
        return float(a.max())
    s, total = _scaled_power_sum(a, p)
    return s**p * total


MISTAKES = [
    Mistake(
        "forgot the absolute value",
        wrong=_no_abs,
        hint="Negative entries pulled your result down: the norm uses |x_i|, and the infinity "
        "norm is the largest absolute value, not the largest value.",
    ),
    Mistake(
        "forgot the 1/p root",
        wrong=_no_root,
        hint="You returned the sum of |x_i|^p; the norm is that sum raised to the power 1/p.",
    ),
]

NONFINITE_HINT = (
    "overflow: x_i ** p is inf for entries near 1e200. Divide x by s = max|x_i| first and "
    "multiply the result by s."
)
