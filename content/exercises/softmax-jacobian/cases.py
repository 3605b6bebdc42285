from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: x = (0, 0)", args=(np.zeros(2),), visible=True),
        Case("example: x = (1, 2, 3)", args=(np.array([1.0, 2.0, 3.0]),), visible=True),
        *[Case(f"hidden: random scores, k={k}", args=(rng.normal(size=k) * 2,))
          for k in [2, 5, 40]],
        Case("edge: a single score gives [[0]]", args=(np.array([3.7]),), kind="edge"),
        Case("edge: scores around 1000", args=(1000.0 + rng.normal(size=4),), kind="edge"),
        Case("edge: one dominant score (saturated softmax)",
             args=(np.array([50.0, 0.0, -3.0]),), kind="edge"),
        Case("edge: 2-D input", args=(np.zeros((2, 2)),), raises=ValueError, kind="edge"),
        Case("edge: empty input", args=(np.zeros(0),), raises=ValueError, kind="edge"),
    ]


def _softmax(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max())
    return e / e.sum()


MISTAKES = [
    Mistake(
        "cross terms missing",
        wrong=lambda x: np.diag(_softmax(x) * (1 - _softmax(x))),
        hint="Only your diagonal is right. Each probability depends on every score: the "
        "off-diagonal entries are -s_i s_j.",
    ),
    Mistake(
        "outer product sign flipped",
        wrong=lambda x: np.diag(_softmax(x)) + np.outer(_softmax(x), _softmax(x)),
        hint="The rows of the Jacobian must sum to 0 (the probabilities always sum to 1): it is "
        "diag(s) - s s^T.",
    ),
    Mistake(
        "diagonal only",
        wrong=lambda x: np.diag(_softmax(x)),
        hint="You have diag(s); subtract the outer product s s^T, which comes from "
        "differentiating the shared denominator.",
    ),
]

NONFINITE_HINT = (
    "overflow in exp: subtract the largest score before exponentiating (the softmax does not "
    "change when every score is shifted by the same amount)."
)
