from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _problem(rng: np.random.Generator, m: int, d: int, shift: float = 0.0) -> tuple:
    return rng.normal(size=(m, d)), rng.normal(size=m) + shift, rng.normal(size=d)


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: A = I, b = 0, x = 0",
             args=(np.eye(2), np.zeros(2), np.zeros(2), 1e-3), visible=True),
        Case("example: 3 outputs, 2 inputs",
             args=(np.array([[1.0, 0.0], [0.0, 2.0], [1.0, -1.0]]), np.array([0.0, 0.5, -0.5]),
                   np.array([0.3, -0.2]), 1e-4), visible=True),
        *[Case(f"hidden: random m={m}, d={d}, h={h}", args=(*_problem(rng, m, d), h))
          for m, d, h in [(1, 1, 1e-5), (4, 3, 1e-5), (10, 6, 1e-4), (50, 20, 1e-5)]],
        Case("hidden: large step h=0.1 (estimate, not the exact gradient)",
             args=(*_problem(rng, 5, 4), 0.1)),
        Case("hidden: step h=0.01", args=(*_problem(rng, 8, 3), 0.01)),
        Case("edge: scores around 1000 (needs a stable log-sum-exp)",
             args=(*_problem(rng, 6, 3, shift=1000.0), 1e-4), kind="edge"),
        Case("edge: scores around -1000", args=(*_problem(rng, 6, 3, shift=-1000.0), 1e-4),
             kind="edge"),
        Case("edge: h = 0", args=(np.eye(2), np.zeros(2), np.zeros(2), 0.0), raises=ValueError,
             kind="edge"),
        Case("edge: x of the wrong length", args=(np.eye(2), np.zeros(2), np.zeros(3), 1e-5),
             raises=ValueError, kind="edge"),
    ]


def _f(A: np.ndarray, b: np.ndarray, x: np.ndarray) -> float:
    z = np.asarray(A, dtype=float) @ x + np.asarray(b, dtype=float)
    return float(z.max() + np.log(np.exp(z - z.max()).sum()))


def _forward(A: np.ndarray, b: np.ndarray, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return np.array([(_f(A, b, x + h * e) - _f(A, b, x)) / h for e in np.eye(x.size)])


def _half_step(A: np.ndarray, b: np.ndarray, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return np.array([(_f(A, b, x + h * e) - _f(A, b, x - h * e)) / h for e in np.eye(x.size)])


def _exact(A: np.ndarray, b: np.ndarray, x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    A = np.asarray(A, dtype=float)
    z = A @ x + b
    p = np.exp(z - z.max())
    return A.T @ (p / p.sum())


MISTAKES = [
    Mistake(
        "divided by h instead of 2h",
        wrong=_half_step,
        hint="Your values are twice too large: the two evaluation points x + h e_j and "
        "x - h e_j are 2h apart, so divide by 2h.",
    ),
    Mistake(
        "forward difference",
        wrong=_forward,
        hint="This looks like the forward difference (f(x + h e_j) - f(x)) / h, whose error is "
        "O(h). Use the symmetric (central) difference.",
    ),
    Mistake(
        "exact gradient",
        wrong=_exact,
        hint="That is the exact gradient A^T softmax(Ax + b). The task is the central-difference "
        "estimate with the given h, which differs from it by O(h^2).",
    ),
]

NONFINITE_HINT = (
    "overflow: exp of scores near 1000 is inf. Compute log-sum-exp as c + log(sum(exp(z - c))) "
    "with c = max(z)."
)
