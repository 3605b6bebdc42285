from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    def labelled(n: int) -> tuple[np.ndarray, np.ndarray]:
        y = (rng.random(n) < 0.4).astype(float)
        return y, np.clip(0.5 * y + 0.25 + 0.3 * rng.normal(size=n), 0.01, 0.99)

    return [
        Case("example: two predictions", args=(np.array([1.0, 0.0]), np.array([0.8, 0.4])),
             visible=True, check="scalar"),
        Case("example: a perfect guess and a coin flip",
             args=(np.array([1.0, 1.0]), np.array([0.999, 0.5])), visible=True, check="scalar"),
        *[Case(f"hidden: random predictions n={n}", args=labelled(n), check="scalar")
          for n in [1, 10, 1000]],
        Case("hidden: soft labels", args=(rng.uniform(0, 1, size=20), rng.uniform(0.05, 0.95, 20)),
             check="scalar"),
        Case("edge: predictions exactly 0 and 1 (clipping needed)",
             args=(np.array([1.0, 0.0, 1.0, 0.0]), np.array([1.0, 0.0, 0.0, 1.0])),
             check="scalar", kind="edge"),
        Case("edge: confident mistake below eps", args=(np.array([1.0]), np.array([1e-20])),
             check="scalar", kind="edge"),
        Case("edge: larger eps=1e-3", args=(np.array([1.0, 0.0]), np.array([0.0, 0.5])),
             kwargs={"eps": 1e-3}, check="scalar", kind="edge"),
        Case("edge: lengths differ", args=(np.ones(3), np.full(2, 0.5)), raises=ValueError,
             kind="edge"),
        Case("edge: probability above 1", args=(np.ones(2), np.array([0.5, 1.2])),
             raises=ValueError, kind="edge"),
    ]


def _losses(y_true: np.ndarray, y_prob: np.ndarray, eps: float) -> np.ndarray:
    y = np.asarray(y_true, dtype=float)
    p = np.clip(np.asarray(y_prob, dtype=float), eps, 1 - eps)
    return -(y * np.log(p) + (1 - y) * np.log(1 - p))


MISTAKES = [
    Mistake(
        "sum instead of mean",
        wrong=lambda y_true, y_prob, eps=1e-12: float(_losses(y_true, y_prob, eps).sum()),
        hint="Your loss grows with n: return the *mean* over examples, not the sum.",
    ),
    Mistake(
        "minus sign missing",
        wrong=lambda y_true, y_prob, eps=1e-12: float(-_losses(y_true, y_prob, eps).mean()),
        hint="Log-probabilities are negative, so the loss needs a minus sign to be positive.",
    ),
    Mistake(
        "clipped with a different eps",
        wrong=lambda y_true, y_prob, eps=1e-12: float(_losses(y_true, y_prob, 1e-7).mean()),
        hint="Clip with the eps you were given: np.clip(y_prob, eps, 1 - eps).",
    ),
]

NONFINITE_HINT = (
    "log(0) = -inf (and 0 * log 0 = nan) for predictions of exactly 0 or 1: clip y_prob to "
    "[eps, 1 - eps] before taking logs."
)
