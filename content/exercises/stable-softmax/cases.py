from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: [1, 2, 3]", args=(np.array([1.0, 2.0, 3.0]),), visible=True),
        Case("example: a batch of two rows", args=(np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]]),),
             visible=True),
        *[
            Case(f"hidden: random logits n={n}", args=(rng.normal(scale=3.0, size=n),))
            for n in (5, 100, 1000)
        ],
        *[
            Case(f"hidden: random batch {r}x{c}", args=(rng.normal(scale=3.0, size=(r, c)),))
            for r, c in ((3, 5), (4, 4), (50, 10))
        ],
        Case("edge: a single logit", args=(np.array([42.0]),), kind="edge"),
        Case("edge: large logits [1000, 2000, 3000]", args=(np.array([1000.0, 2000.0, 3000.0]),),
             kind="edge"),
        Case("edge: large logits close together", args=(np.array([1000.0, 1001.0, 1002.0]),),
             kind="edge"),
        Case("edge: very negative logits", args=(np.array([-1000.0, -1000.0, -1000.0]),),
             kind="edge"),
        Case("edge: very negative, unequal", args=(np.array([-1000.0, -1001.0, -1003.0]),),
             kind="edge"),
        # One maximum for the whole batch leaves the second row's exponents all underflowing.
        Case("edge: batch with rows of very different scale",
             args=(np.array([[1000.0, 1001.0, 999.0], [-3.0, 0.0, 3.0]]),), kind="edge"),
        Case("edge: batch of large random logits", args=(_large_batch(rng),), kind="edge"),
    ]


def _large_batch(rng: np.random.Generator) -> np.ndarray:
    """Logits spread over thousands, every row holding one above exp's range (> 709): on
    any seed, a softmax that exponentiates before subtracting the maximum overflows here.
    (Drawn from N(0, 500) alone, about one seed in fifty had no such row.)"""
    x = rng.normal(scale=500.0, size=(6, 8))
    x[np.arange(6), rng.integers(0, 8, size=6)] = rng.uniform(800.0, 1500.0, size=6)
    return x


def _stable(x: np.ndarray, axis: int | None) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _global_max(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max())
    return e / e.sum(axis=-1, keepdims=True)


def _no_keepdims(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max())
    return e / e.sum(axis=-1)


MISTAKES = [
    Mistake("normalised over the whole batch", wrong=lambda x: _stable(x, None),
            hint="Each row must sum to 1 on its own: take the max and the sum along the last "
            "axis (axis=-1, keepdims=True), not over the whole array."),
    Mistake("normalised down the columns", wrong=lambda x: _stable(x, 0),
            hint="You normalised down the columns (axis=0). Each row is one vector of logits: "
            "use axis=-1 (with keepdims=True)."),
    Mistake("sum without keepdims", wrong=_no_keepdims,
            hint="e / e.sum(axis=-1) divides column j by the sum of row j. Keep the summed axis "
            "(keepdims=True) so each row is divided by its own sum."),
    Mistake("one maximum for the whole batch", wrong=_global_max,
            hint="Subtract each row's own maximum (x.max(axis=-1, keepdims=True)). With one "
            "maximum for the whole batch, a row far below it underflows to 0/0."),
]

NONFINITE_HINT = (
    "exp overflowed or every term underflowed: subtract the maximum of each row before "
    "exponentiating (softmax(x) = softmax(x - max(x)), and then the largest term is exp(0) = 1)."
)
