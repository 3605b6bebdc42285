from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: (1, 2, 3)", args=(np.array([1.0, 2.0, 3.0]),), visible=True),
        Case("example: (0, -1000)", args=(np.array([0.0, -1000.0]),), visible=True),
        *[Case(f"hidden: random scores, shape {shape}", args=(rng.normal(size=shape) * 3,))
          for shape in [(1,), (10,), (32, 10), (4, 5, 6)]],
        Case("edge: huge scores (1000, 1000, 999)", args=(np.array([1000.0, 1000.0, 999.0]),),
             kind="edge"),
        Case("edge: rows on wildly different scales",
             args=(np.array([[1000.0, 0.0, -1000.0], [1e-3, 2e-3, 0.0], [-500.0, -501.0, -800.0]]),),
             kind="edge"),
        Case("edge: one class per row gives 0", args=(np.array([[5.0], [-3.0]]),), kind="edge"),
        Case("edge: equal scores give -log(k)", args=(np.full((2, 4), 7.0),), kind="edge"),
    ]


def _log_of_softmax(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    with np.errstate(divide="ignore"):
        return np.log(e / e.sum(axis=-1, keepdims=True))


def _wrong_axis(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    s = x - x.max(axis=0, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=0, keepdims=True))


MISTAKES = [
    Mistake(
        "log of the softmax",
        wrong=_log_of_softmax,
        hint="np.log(softmax(x)) turns probabilities that underflow to 0 into -inf. Compute "
        "x - max - log(sum(exp(x - max))) directly instead.",
    ),
    Mistake(
        "normalised over the wrong axis",
        wrong=_wrong_axis,
        hint="Each *row* (last axis) is one example: reduce with axis=-1 and keepdims=True.",
    ),
]

NONFINITE_HINT = (
    "overflow or log(0): exp(1000) is inf and log of an underflowed probability is -inf. "
    "Subtract each row's maximum first and never take the log of a probability."
)
