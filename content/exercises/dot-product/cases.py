from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    hidden = [
        Case(f"hidden: random n={n}", args=(rng.normal(size=n), rng.normal(size=n)), check="scalar")
        for n in (2, 7, 50, 1000)
    ]
    big = rng.uniform(-1e3, 1e3, size=20)
    return [
        Case("example: [1, 2, 3] . [4, 5, 6]",
             args=(np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0])), visible=True, check="scalar"),
        Case("example: perpendicular vectors",
             args=(np.array([1.0, 2.0]), np.array([-2.0, 1.0])), visible=True, check="scalar"),
        *hidden,
        Case("edge: a single entry", args=(np.array([-3.5]), np.array([2.0])), kind="edge",
             check="scalar"),
        Case("edge: large entries with mixed signs", args=(big, rng.uniform(-1e3, 1e3, size=20)),
             kind="edge", check="scalar"),
        Case("edge: lengths 3 and 4", args=(np.ones(3), np.ones(4)), raises=ValueError,
             kind="edge", reason="vectors of different lengths (3 and 4)"),
        # a * b broadcasts a length-1 array, and zip() stops at the shorter one: both return a
        # number here instead of failing.
        Case("edge: lengths 1 and 3", args=(np.array([2.0]), np.array([1.0, 2.0, 3.0])),
             raises=ValueError, kind="edge", reason="vectors of different lengths (1 and 3)"),
        Case("edge: lengths 5 and 2", args=(rng.normal(size=5), rng.normal(size=2)),
             raises=ValueError, kind="edge", reason="vectors of different lengths (5 and 2)"),
    ]


MISTAKES = [
    Mistake(
        "element-wise product without the sum",
        wrong=lambda a, b: np.asarray(a) * np.asarray(b),
        hint="a * b is the element-wise product; the dot product is the sum of those products.",
    ),
    Mistake(
        "product of the sums",
        wrong=lambda a, b: float(np.sum(a) * np.sum(b)),
        hint="Multiply matching entries first, then add: sum(a_i * b_i), not sum(a) * sum(b).",
    ),
]
