from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _data(rng: np.random.Generator, n: int, d: int, scale: float = 1.0) -> tuple:
    X = np.hstack([np.ones((n, 1)), rng.normal(size=(n, d - 1)) * scale])
    w = rng.normal(size=d)
    z = np.clip(X @ w, -30, 30)
    y = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(float)
    return X, y


def cases(rng: np.random.Generator) -> list[Case]:
    X_big, y_big = _data(rng, 40, 3, scale=300.0)
    return [
        Case("example: one step",
             args=(np.array([[1.0, 1.0], [1.0, -1.0], [1.0, 2.0]]), np.array([1.0, 0.0, 1.0]),
                   1.0, 1), visible=True),
        Case("example: 100 steps",
             args=(np.array([[1.0, 1.0], [1.0, -1.0], [1.0, 2.0], [1.0, 0.5]]),
                   np.array([1.0, 0.0, 1.0, 0.0]), 0.5, 100), visible=True),
        *[Case(f"hidden: random n={n}, d={d}, {k} steps", args=(*_data(rng, n, d), lr, k))
          for n, d, lr, k in [(10, 2, 0.5, 20), (200, 5, 1.0, 300), (1000, 10, 2.0, 100)]],
        Case("edge: scores near 1000 (stable sigmoid)",
             args=(X_big, y_big, 0.01, 5), kind="edge"),
        Case("edge: zero steps", args=(*_data(rng, 5, 2), 0.1, 0), kind="edge"),
        Case("edge: labels 0 and 2", args=(np.ones((2, 1)), np.array([0.0, 2.0]), 0.1, 5),
             raises=ValueError, kind="edge", reason="a label that is neither 0 nor 1"),
        Case("edge: negative learning rate", args=(np.ones((2, 1)), np.array([0.0, 1.0]), -0.1, 5),
             raises=ValueError, kind="edge", reason="lr < 0"),
        Case("edge: zero learning rate", args=(np.ones((2, 1)), np.array([0.0, 1.0]), 0.0, 5),
             raises=ValueError, kind="edge", reason="lr = 0"),
        Case("edge: negative n_iter", args=(np.ones((2, 1)), np.array([0.0, 1.0]), 0.1, -1),
             raises=ValueError, kind="edge", reason="n_iter < 0"),
        Case("edge: y of the wrong length", args=(np.ones((3, 2)), np.array([0.0, 1.0]), 0.1, 5),
             raises=ValueError, kind="edge", reason="X with 3 rows and y of length 2"),
    ]


def _run(X: np.ndarray, y: np.ndarray, lr: float, n_iter: int, scale: float, sign: float) -> np.ndarray:
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1])
    for _ in range(n_iter):
        z = X @ w
        e = np.exp(-np.abs(z))
        p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
        w -= sign * lr * scale * (X.T @ (p - y))
    return w


MISTAKES = [
    Mistake(
        "summed gradient",
        wrong=lambda X, y, lr, n_iter: _run(X, y, lr, n_iter, 1.0, 1.0),
        hint="Your steps are n times too large: the loss is a mean, so its gradient is "
        "X^T (p - y) / n.",
    ),
    Mistake(
        "gradient ascent",
        wrong=lambda X, y, lr, n_iter: _run(X, y, lr, n_iter, 1.0 / max(len(y), 1), -1.0),
        hint="You walk uphill: the gradient of the loss is X^T (p - y) / n; subtract lr times "
        "it (or, equivalently, add lr * X^T (y - p) / n).",
    ),
]

NONFINITE_HINT = (
    "overflow in exp: for scores near 1000, np.exp(z) is inf and inf / inf is nan. Build the "
    "sigmoid from e = np.exp(-np.abs(z)), which is at most 1."
)
