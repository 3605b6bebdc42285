from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    half = np.array([0.5, 0.5])
    skew = np.array([0.9, 0.1])
    return [
        Case("example: D(fair || biased)", args=(half, skew), visible=True, check="scalar"),
        Case("example: D(biased || fair)", args=(skew, half), visible=True, check="scalar"),
        *[Case(f"hidden: random distributions over {k} outcomes",
               args=(rng.dirichlet(np.ones(k)), rng.dirichlet(np.ones(k))), check="scalar")
          for k in [3, 20, 500]],
        Case("hidden: close distributions (small divergence)",
             args=(np.array([0.3, 0.3, 0.4]), np.array([0.31, 0.29, 0.4])), check="scalar"),
        Case("edge: identical distributions give 0", args=(np.full(4, 0.25), np.full(4, 0.25)),
             check="scalar", kind="edge"),
        Case("edge: zeros in p contribute nothing",
             args=(np.array([0.0, 0.5, 0.5]), np.array([0.2, 0.4, 0.4])), check="scalar",
             kind="edge"),
        Case("edge: inf when q rules out a possible outcome",
             args=(np.array([0.5, 0.5, 0.0]), np.array([1.0, 0.0, 0.0])), check="scalar",
             kind="edge"),
        Case("edge: zero in q where p is also zero is fine",
             args=(np.array([0.5, 0.5, 0.0]), np.array([0.25, 0.75, 0.0])), check="scalar",
             kind="edge"),
        Case("edge: lengths differ", args=(half, np.full(3, 1 / 3)), raises=ValueError,
             kind="edge"),
        Case("edge: q does not sum to 1", args=(half, np.array([0.5, 0.6])), raises=ValueError,
             kind="edge"),
        Case("edge: p does not sum to 1", args=(np.array([0.5, 0.4]), half), raises=ValueError,
             kind="edge"),
        Case("edge: p has a negative entry (it still sums to 1)",
             args=(np.array([1.2, -0.2]), half), raises=ValueError, kind="edge"),
        Case("edge: q has a negative entry (it still sums to 1)",
             args=(half, np.array([1.5, -0.5])), raises=ValueError, kind="edge"),
    ]


def _kl(p: np.ndarray, q: np.ndarray, *, bits: bool = False) -> float:
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    s = p > 0
    if np.any(q[s] == 0):
        return float("inf")
    value = float((p[s] * np.log(p[s] / q[s])).sum())
    return value / np.log(2) if bits else value


def _cross_entropy(p: np.ndarray, q: np.ndarray) -> float:
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    s = p > 0
    return float("inf") if np.any(q[s] == 0) else float(-(p[s] * np.log(q[s])).sum())


MISTAKES = [
    Mistake(
        "arguments swapped",
        wrong=lambda p, q: _kl(q, p),
        hint="You computed D(q || p). KL divergence is not symmetric: weight the log-ratio "
        "log(p_i / q_i) by p_i.",
    ),
    Mistake(
        "bits instead of nats",
        wrong=lambda p, q: _kl(p, q, bits=True),
        hint="Your value is in bits (log2). The task asks for nats: use the natural log.",
    ),
    Mistake(
        "cross-entropy instead of KL",
        wrong=lambda p, q: _cross_entropy(p, q),
        hint="That is the cross-entropy H(p, q) = -sum p_i log q_i. KL subtracts the entropy "
        "H(p): sum p_i log(p_i / q_i).",
    ),
]

NONFINITE_HINT = (
    "nan from 0 * log(0 / q): terms with p_i = 0 contribute 0, so sum only where p_i > 0 "
    "(and return inf only when some p_i > 0 has q_i = 0)."
)
