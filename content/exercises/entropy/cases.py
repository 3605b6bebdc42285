from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: fair coin", args=(np.array([0.5, 0.5]),), visible=True, check="scalar"),
        Case("example: (0.5, 0.25, 0.25)", args=(np.array([0.5, 0.25, 0.25]),), visible=True,
             check="scalar"),
        Case("example: biased coin (0.9, 0.1)", args=(np.array([0.9, 0.1]),), visible=True,
             check="scalar"),
        *[Case(f"hidden: random distribution over {k} outcomes",
               args=(rng.dirichlet(np.ones(k)),), check="scalar") for k in [3, 10, 1000]],
        Case("hidden: peaked distribution", args=(rng.dirichlet(np.full(20, 0.05)),),
             check="scalar"),
        Case("edge: uniform over 8 outcomes is 3 bits", args=(np.full(8, 0.125),),
             check="scalar", kind="edge"),
        Case("edge: a certain outcome has entropy 0", args=(np.array([0.0, 1.0, 0.0]),),
             check="scalar", kind="edge"),
        Case("edge: zeros among the probabilities",
             args=(np.array([0.5, 0.0, 0.25, 0.0, 0.25]),), check="scalar", kind="edge"),
        Case("edge: does not sum to 1", args=(np.array([0.5, 0.6]),), raises=ValueError,
             kind="edge"),
        Case("edge: negative probability", args=(np.array([1.2, -0.2]),), raises=ValueError,
             kind="edge"),
        Case("edge: empty array", args=(np.zeros(0),), raises=ValueError, kind="edge",
             reason="an empty p (no outcomes, not a distribution)"),
    ]


def _h(p: np.ndarray, *, bits: bool = True) -> float:
    p = np.asarray(p, dtype=float)
    nz = p[p > 0]
    return float(-(nz * (np.log2(nz) if bits else np.log(nz))).sum())


MISTAKES = [
    Mistake(
        "natural log (nats)",
        wrong=lambda p: _h(p, bits=False),
        hint="Your value is in nats (natural log). Use np.log2 for bits; they differ by a "
        "factor ln 2 = 0.693.",
    ),
    Mistake(
        "minus sign missing",
        wrong=lambda p: -_h(p),
        hint="Entropy is never negative: log p_i <= 0, so H = -sum p_i log p_i needs the minus "
        "sign.",
    ),
]

NONFINITE_HINT = (
    "0 * log(0) gave nan: outcomes with probability 0 contribute nothing. Sum only over the "
    "entries with p_i > 0."
)
