from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _problem(rng: np.random.Generator, n: int, p: int) -> tuple:
    B = rng.normal(size=(n, n))
    return B @ B.T + np.eye(n), rng.normal(size=n), rng.normal(size=(p, n)), rng.normal(size=p)


def cases(rng: np.random.Generator) -> list[Case]:
    Q, c, A, b = _problem(rng, 5, 2)
    redundant = np.vstack([A, A[0] + A[1]])
    return [
        Case("example: closest point of x1 + x2 = 1 to the origin",
             args=(2 * np.eye(2), np.zeros(2), np.array([[1.0, 1.0]]), np.array([1.0])),
             visible=True),
        Case("example: 3 variables, 2 constraints",
             args=(np.diag([1.0, 2.0, 4.0]), np.array([-1.0, 0.0, 1.0]),
                   np.array([[1.0, 1.0, 1.0], [1.0, -1.0, 0.0]]), np.array([3.0, 0.0])),
             visible=True),
        *[Case(f"hidden: random n={n}, p={p}", args=_problem(rng, n, p))
          for n, p in [(2, 1), (6, 3), (30, 10)]],
        Case("edge: as many constraints as unknowns (x fixed by A x = b)",
             args=_problem(rng, 4, 4), kind="edge"),
        Case("edge: Q singular but positive definite where the constraints allow",
             args=(np.diag([1.0, 0.0]), np.array([1.0, 2.0]), np.array([[0.0, 1.0]]),
                   np.array([3.0])), kind="edge"),
        Case("edge: redundant constraint", args=(Q, c, redundant, np.append(b, b[0] + b[1])),
             raises=ValueError, kind="edge", reason="a constraint that is the sum of two others"),
        Case("edge: Q = 0 leaves a free direction",
             args=(np.zeros((3, 3)), np.ones(3), np.array([[1.0, 1.0, 1.0]]), np.array([1.0])),
             raises=ValueError, kind="edge", reason="a linear objective unbounded on the plane"),
        Case("edge: A with the wrong width", args=(np.eye(3), np.zeros(3), np.ones((1, 2)),
                                                 np.ones(1)), raises=ValueError, kind="edge",
             reason="Q 3x3 and A 1x2"),
        Case("edge: b of the wrong length", args=(np.eye(3), np.zeros(3), np.ones((1, 3)),
                                                np.ones(2)), raises=ValueError, kind="edge",
             reason="A with 1 row and b of length 2"),
    ]


def _solve(Q: np.ndarray, c: np.ndarray, A: np.ndarray, b: np.ndarray) -> tuple:
    Q, c, A, b = (np.asarray(v, dtype=float) for v in (Q, c, A, b))
    n, p = len(c), len(b)
    K = np.block([[Q, A.T], [A, np.zeros((p, p))]])
    s = np.linalg.solve(K, np.concatenate([-c, b]))
    return s[:n], s[n:]


def _flipped(Q: np.ndarray, c: np.ndarray, A: np.ndarray, b: np.ndarray) -> tuple:
    x, lam = _solve(Q, c, A, b)
    return x, -lam


def _plus_c(Q: np.ndarray, c: np.ndarray, A: np.ndarray, b: np.ndarray) -> tuple:
    return _solve(Q, -np.asarray(c, dtype=float), A, b)


MISTAKES = [
    Mistake(
        "multiplier sign flipped",
        wrong=_flipped,
        hint="x is right and lam has the wrong sign: this task's convention is "
        "Q x + c + A^T lam = 0 (Lagrangian with + lam^T (A x - b)).",
    ),
    Mistake(
        "+c on the right-hand side",
        wrong=_plus_c,
        hint="The gradient of c^T x is c, so stationarity is Q x + A^T lam = -c: the "
        "right-hand side is (-c, b), not (c, b).",
    ),
]
