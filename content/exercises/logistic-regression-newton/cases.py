from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _data(rng: np.random.Generator, n: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    X = np.hstack([np.ones((n, 1)), rng.normal(size=(n, d - 1))])
    z = X @ rng.normal(size=d)
    y = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(float)
    return X, y


def cases(rng: np.random.Generator) -> list[Case]:
    sep_X = np.array([[1.0, -2.0], [1.0, -1.0], [1.0, 1.0], [1.0, 2.0]])
    sep_y = np.array([0.0, 0.0, 1.0, 1.0])
    return [
        Case("example: four points, no penalty",
             args=(np.array([[1.0, -2.0], [1.0, -1.0], [1.0, 1.0], [1.0, 2.0]]),
                   np.array([0.0, 1.0, 0.0, 1.0])), visible=True),
        Case("example: separable data with lam = 0.1",
             args=(sep_X, sep_y), kwargs={"lam": 0.1}, visible=True),
        Case("hidden: n=500, d=4, lam=0", args=_data(rng, 500, 4)),
        Case("hidden: n=30, d=3, lam=0.05", args=_data(rng, 30, 3), kwargs={"lam": 0.05}),
        Case("hidden: n=2000, d=8, lam=1e-3", args=_data(rng, 2000, 8), kwargs={"lam": 1e-3}),
        Case("hidden: n=10, d=6, lam=1 (more features than is sensible)",
             args=_data(rng, 10, 6), kwargs={"lam": 1.0}),
        Case("edge: all labels 1 with a strong penalty",
             args=(np.hstack([np.ones((6, 1)), rng.normal(size=(6, 1))]), np.ones(6)),
             kwargs={"lam": 2.0}, kind="edge"),
        Case("edge: separable data, lam = 0 (no finite minimiser)", args=(sep_X, sep_y),
             raises=ValueError, kind="edge", reason="separable data without a penalty"),
        Case("edge: a looser tolerance", args=_data(rng, 300, 3), kwargs={"tol": 1e-4},
             kind="edge", rtol=1e-6, atol=1e-6),
        Case("edge: negative lam", args=(sep_X, sep_y), kwargs={"lam": -0.1},
             raises=ValueError, kind="edge", reason="lam < 0"),
        Case("edge: labels -1 and 1", args=(sep_X, 2 * sep_y - 1), kwargs={"lam": 0.1},
             raises=ValueError, kind="edge", reason="labels -1/1 instead of 0/1"),
        Case("edge: y of the wrong length", args=(sep_X, np.ones(3)), raises=ValueError,
             kind="edge", reason="X with 4 rows and y of length 3"),
    ]


def _newton(X: np.ndarray, y: np.ndarray, lam: float, data_scale: float, pen_scale: float) -> np.ndarray:
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    d = X.shape[1]
    w = np.zeros(d)
    for _ in range(100):
        z = X @ w
        e = np.exp(-np.abs(z))
        p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
        g = data_scale * X.T @ (p - y) + pen_scale * lam * w
        H = data_scale * (X * (p * (1 - p))[:, None]).T @ X + pen_scale * lam * np.eye(d)
        step = np.linalg.solve(H, g)
        w -= step
        if np.max(np.abs(step)) < 1e-12:
            break
    return w


MISTAKES = [
    Mistake(
        "summed loss with the penalty (1/n missing)",
        wrong=lambda X, y, lam=0.0, tol=1e-10, max_iter=50: _newton(X, y, lam, 1.0, 1.0),
        hint="Your weights minimise the *summed* loss plus lam/2 ||w||^2, which penalises n "
        "times less. Divide the data part of the gradient and of the Hessian by n, but not "
        "the penalty.",
    ),
    Mistake(
        "penalty lam ||w||^2 instead of lam/2 ||w||^2",
        wrong=lambda X, y, lam=0.0, tol=1e-10, max_iter=50: _newton(
            X, y, lam, 1.0 / len(y), 2.0
        ),
        hint="The penalty is (lam / 2) ||w||^2: its gradient is lam * w and its Hessian lam * I "
        "(you have twice that).",
    ),
]

NONFINITE_HINT = (
    "nan or inf in the weights: use a stable sigmoid (from exp(-|z|)), and raise ValueError "
    "when Newton's method does not converge instead of returning the last iterate."
)
