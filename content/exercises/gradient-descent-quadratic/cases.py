from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _spd(rng: np.random.Generator, d: int, low: float, high: float) -> np.ndarray:
    Q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return (Q * rng.uniform(low, high, size=d)) @ Q.T


def cases(rng: np.random.Generator) -> list[Case]:
    A2 = np.array([[2.0, 0.0], [0.0, 1.0]])
    b2 = np.array([2.0, 1.0])
    ill = np.diag([100.0, 1.0])
    return [
        Case("example: diag(2, 1), 2 steps of 0.25", args=(A2, b2, np.zeros(2), 0.25, 2),
             visible=True),
        Case("example: 1-D, f = x^2 / 2 - x, 3 steps of 0.5",
             args=(np.array([[1.0]]), np.array([1.0]), np.array([3.0]), 0.5, 3), visible=True),
        *[Case(f"hidden: random d={d}, {steps} steps",
               args=(_spd(rng, d, 0.5, 4.0), rng.normal(size=d), rng.normal(size=d), 0.2, steps))
          for d, steps in [(2, 10), (5, 50), (20, 200)]],
        Case("hidden: ill-conditioned diag(100, 1), lr = 0.019",
             args=(ill, np.array([1.0, 1.0]), np.array([1.0, 1.0]), 0.019, 100)),
        Case("edge: steps = 0 returns x0 as one row", args=(A2, b2, np.array([3.0, -1.0]), 0.1, 0),
             kind="edge"),
        Case("edge: lr too large diverges (lr = 1.1 > 2 / 2)",
             args=(A2, b2, np.zeros(2), 1.1, 25), kind="edge"),
        Case("edge: start at the minimiser stays there", args=(A2, b2, np.ones(2), 0.3, 5),
             kind="edge"),
        Case("edge: negative learning rate", args=(A2, b2, np.zeros(2), -0.1, 3),
             raises=ValueError, kind="edge"),
        Case("edge: learning rate 0", args=(A2, b2, np.zeros(2), 0.0, 3),
             raises=ValueError, kind="edge"),
        Case("edge: negative number of steps", args=(A2, b2, np.zeros(2), 0.1, -1),
             raises=ValueError, kind="edge"),
    ]


def _path(
    A: np.ndarray, b: np.ndarray, x0: np.ndarray, lr: float, steps: int, *,
    direction: float = -1.0, b_sign: float = -1.0,
) -> np.ndarray:
    """Descent (direction -1) or ascent (+1) with gradient A x + b_sign * b."""
    A, b = np.asarray(A, dtype=float), np.asarray(b, dtype=float)
    path = [np.asarray(x0, dtype=float)]
    for _ in range(steps):
        path.append(path[-1] + direction * lr * (A @ path[-1] + b_sign * b))
    return np.array(path)


MISTAKES = [
    Mistake(
        "gradient ascent",
        wrong=lambda A, b, x0, lr, steps: _path(A, b, x0, lr, steps, direction=1.0),
        hint="You are moving uphill: the gradient is A x - b, and descent subtracts lr times it.",
    ),
    Mistake(
        "gradient sign of b flipped",
        wrong=lambda A, b, x0, lr, steps: _path(A, b, x0, lr, steps, b_sign=1.0),
        hint="The gradient of -b^T x is -b, so the full gradient is A x - b (not A x + b).",
    ),
    Mistake(
        "path without x0",
        wrong=lambda A, b, x0, lr, steps: _path(A, b, x0, lr, steps + 1)[1:],
        hint="Row 0 of the path must be the starting point x0 itself.",
    ),
]
