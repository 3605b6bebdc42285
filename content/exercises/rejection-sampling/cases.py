from __future__ import annotations

import math

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    def draws(n: int) -> tuple[np.ndarray, np.ndarray]:
        return rng.random(n), rng.random(n)

    return [
        Case("example: Beta(2, 2), four proposals",
             args=(np.array([0.5, 0.1, 0.8, 0.3]), np.array([0.99, 0.5, 0.6, 0.2]), 2.0, 2.0),
             visible=True),
        Case("example: Beta(2.5, 1.5), three proposals",
             args=(np.array([0.6, 0.2, 0.9]), np.array([0.5, 0.5, 0.1]), 2.5, 1.5),
             visible=True),
        *[Case(f"hidden: Beta({a}, {b}), n={n}", args=(*draws(n), a, b))
          for n, a, b in [(10, 2.0, 5.0), (1000, 3.0, 3.0), (5000, 1.5, 8.0), (2000, 30.0, 2.0)]],
        Case("edge: Beta(1, 1) accepts everything", args=(*draws(20), 1.0, 1.0), kind="edge"),
        Case("edge: Beta(1, 3), mode at 0", args=(*draws(50), 1.0, 3.0), kind="edge"),
        Case("edge: Beta(4, 1), mode at 1", args=(*draws(50), 4.0, 1.0), kind="edge"),
        Case("edge: no proposals", args=(np.zeros(0), np.zeros(0), 2.0, 3.0), kind="edge"),
        Case("edge: a < 1", args=(*draws(5), 0.5, 2.0), raises=ValueError, kind="edge",
             reason="a = 0.5 (unbounded density)"),
        Case("edge: b < 1", args=(*draws(5), 2.0, 0.9), raises=ValueError, kind="edge",
             reason="b = 0.9 (unbounded density)"),
        Case("edge: lengths differ", args=(rng.random(4), rng.random(3), 2.0, 2.0),
             raises=ValueError, kind="edge", reason="x and u of different lengths"),
        Case("edge: a proposal outside [0, 1)",
             args=(np.array([0.2, 1.5]), np.array([0.1, 0.1]), 2.0, 2.0), raises=ValueError,
             kind="edge", reason="a proposal of 1.5"),
        Case("edge: a draw outside [0, 1)",
             args=(np.array([0.2, 0.5]), np.array([0.1, -0.3]), 2.0, 2.0), raises=ValueError,
             kind="edge", reason="a negative acceptance draw"),
    ]


def _g(x: np.ndarray, a: float, b: float) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return x ** (a - 1) * (1 - x) ** (b - 1)


def _ratio(x: np.ndarray, a: float, b: float) -> np.ndarray:
    if a == 1 and b == 1:
        return np.ones(np.shape(x))
    m = (a - 1) / (a + b - 2)
    return _g(x, a, b) / (m ** (a - 1) * (1 - m) ** (b - 1))


def _pdf(x: np.ndarray, a: float, b: float) -> np.ndarray:
    log_beta = math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
    return _g(x, a, b) / math.exp(log_beta)


def _keep(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    return np.asarray(x, dtype=float)[mask]


MISTAKES = [
    Mistake(
        "kept the rejected proposals",
        wrong=lambda x, u, a, b: _keep(x, np.asarray(u) >= _ratio(x, a, b)),
        hint="Those are the rejected points: accept when u is BELOW the ratio, so that a "
        "proposal at the mode (ratio 1) is always kept.",
    ),
    Mistake(
        "compared with the normalised pdf",
        wrong=lambda x, u, a, b: _keep(x, np.asarray(u) < _pdf(x, a, b)),
        hint="You compared u with the normalised Beta density, which exceeds 1 near the mode "
        "(so everything there is accepted). Divide g(x) by its peak g(m) instead; the "
        "normalising constant is not needed at all.",
    ),
    Mistake(
        "no envelope constant",
        wrong=lambda x, u, a, b: _keep(x, np.asarray(u) < _g(x, a, b)),
        hint="Comparing u with g(x) itself accepts too rarely (g's peak is below 1). Divide by "
        "g at the mode so the ratio reaches 1 at the peak.",
    ),
]
