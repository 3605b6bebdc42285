from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: odd length (3, 1, 2)", args=(np.array([3.0, 1.0, 2.0]),), visible=True,
             check="scalar"),
        Case("example: even length (4, 1, 3, 2)", args=(np.array([4.0, 1.0, 3.0, 2.0]),),
             visible=True, check="scalar"),
        Case("example: an outlier does not move it", args=(np.array([1.0, 2.0, 3.0, 4.0, 1e9]),),
             visible=True, check="scalar"),
        *[Case(f"hidden: random normal n={n}", args=(rng.normal(size=n),), check="scalar")
          for n in [2, 7, 100, 1001]],
        Case("hidden: skewed data (exponential), n=500", args=(rng.exponential(size=500),),
             check="scalar"),
        Case("edge: a single value", args=(np.array([-4.25]),), check="scalar", kind="edge"),
        Case("edge: two values", args=(np.array([10.0, -2.0]),), check="scalar", kind="edge"),
        Case("edge: many ties", args=(np.array([5.0, 1.0, 5.0, 5.0, 2.0, 5.0]),),
             check="scalar", kind="edge"),
        Case("edge: integers with a half-integer median", args=(np.array([1, 2, 3, 4]),),
             check="scalar", kind="edge"),
        Case("edge: sorted in decreasing order", args=(np.arange(20.0)[::-1].copy(),),
             check="scalar", kind="edge"),
        Case("edge: empty array", args=(np.zeros(0),), raises=ValueError, kind="edge"),
    ]


def _upper_middle(x: np.ndarray) -> float:
    s = np.sort(np.asarray(x, dtype=float))
    return float(s[s.size // 2])


def _lower_middle(x: np.ndarray) -> float:
    s = np.sort(np.asarray(x, dtype=float))
    return float(s[(s.size - 1) // 2])


def _unsorted(x: np.ndarray) -> float:
    a = np.asarray(x, dtype=float)
    n = a.size
    return float(a[n // 2]) if n % 2 else float((a[n // 2 - 1] + a[n // 2]) / 2)


MISTAKES = [
    Mistake(
        "took one middle value for even n",
        wrong=_upper_middle,
        hint="For an even number of values there are two middle values; the median is their "
        "average.",
    ),
    Mistake(
        "took the lower middle value for even n",
        wrong=_lower_middle,
        hint="For an even number of values there are two middle values; the median is their "
        "average.",
    ),
    Mistake(
        "forgot to sort",
        wrong=_unsorted,
        hint="You took the middle *position* of the unsorted array; sort the values first.",
    ),
    Mistake(
        "returned the mean",
        wrong=lambda x: float(np.sum(np.asarray(x, dtype=float)) / np.size(x)),
        hint="That is the mean. The median is the middle of the sorted values, which is why an "
        "outlier cannot drag it away.",
    ),
]
