from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("scalar", "allclose", "allclose")


def _problem(rng: np.random.Generator, n: int, d: int, scale: float = 1.0) -> tuple:
    X = rng.normal(size=(n, d))
    w = rng.normal(size=d) * scale
    y = (rng.random(n) < 1 / (1 + np.exp(-np.clip(X @ w, -30, 30)))).astype(float)
    return X, y, w


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: one example at w = 0",
             args=(np.array([[1.0, 2.0]]), np.array([1.0]), np.zeros(2)), visible=True,
             check=CHECK),
        Case("example: three examples",
             args=(np.array([[1.0, 0.0], [1.0, 1.0], [1.0, -1.0]]), np.array([1.0, 0.0, 1.0]),
                   np.array([0.5, -1.0])), visible=True, check=CHECK),
        *[Case(f"hidden: random n={n}, d={d}", args=_problem(rng, n, d), check=CHECK)
          for n, d in [(1, 1), (20, 3), (500, 10)]],
        Case("edge: scores up to ~1000 (stable loss and sigmoid)",
             args=_problem(rng, 30, 4, scale=300.0), check=CHECK, kind="edge"),
        Case("edge: perfectly separated, confident and right",
             args=(np.array([[10.0], [-10.0]]), np.array([1.0, 0.0]), np.array([50.0])),
             check=CHECK, kind="edge"),
        Case("edge: w of the wrong length", args=(np.ones((3, 2)), np.ones(3), np.ones(3)),
             raises=ValueError, kind="edge"),
    ]


def _pieces(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple:
    X, y, w = (np.asarray(a, dtype=float) for a in (X, y, w))
    z = X @ w
    e = np.exp(-np.abs(z))
    p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return X, y, p, float((np.logaddexp(0.0, z) - y * z).mean())


def _summed(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple:
    X, y, p, loss = _pieces(X, y, w)
    return loss * len(y), X.T @ (p - y), (X * (p * (1 - p))[:, None]).T @ X


def _no_weights(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple:
    X, y, p, loss = _pieces(X, y, w)
    return loss, X.T @ (p - y) / len(y), X.T @ X / len(y)


def _ascent(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple:
    X, y, p, loss = _pieces(X, y, w)
    return loss, X.T @ (y - p) / len(y), (X * (p * (1 - p))[:, None]).T @ X / len(y)


MISTAKES = [
    Mistake(
        "summed over examples",
        wrong=_summed,
        hint="Everything is n times too large: the loss is the *mean* over examples, so the "
        "gradient and Hessian carry a factor 1/n too.",
    ),
    Mistake(
        "Hessian without the p(1 - p) weights",
        wrong=_no_weights,
        hint="Your Hessian is X^T X / n: each example's outer product x x^T must be weighted by "
        "sigma'(z) = p (1 - p).",
    ),
    Mistake(
        "gradient sign flipped",
        wrong=_ascent,
        hint="The gradient of the loss is X^T (p - y) / n; you have its negative.",
    ),
]

NONFINITE_HINT = (
    "overflow: exp(z) for z near 1000 is inf. Use np.logaddexp(0, z) for log(1 + e^z) and a "
    "sigmoid built from exp(-|z|)."
)
