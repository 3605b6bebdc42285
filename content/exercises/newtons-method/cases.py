from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _real_rooted(rng: np.random.Generator, degree: int) -> tuple[np.ndarray, float]:
    """A polynomial with well-separated real roots and a start inside one root's basin."""
    roots = np.sort(rng.uniform(-5, 5, size=degree))
    while degree > 1 and np.min(np.diff(roots)) < 0.5:
        roots = np.sort(rng.uniform(-5, 5, size=degree))
    k = int(rng.integers(degree))
    gap = np.min(np.abs(np.delete(roots, k) - roots[k])) if degree > 1 else 1.0
    x0 = roots[k] + rng.choice([-1, 1]) * rng.uniform(0.05, 0.15) * gap
    return np.poly(roots) * rng.uniform(0.5, 3.0), float(x0)


def cases(rng: np.random.Generator) -> list[Case]:
    cubic, start = _real_rooted(rng, 3)
    return [
        Case("example: sqrt(2) from x0 = 1", args=(np.array([1.0, 0.0, -2.0]), 1.0),
             visible=True, check="scalar"),
        Case("example: x^3 - 2x + 2 from 0 cycles",
             args=(np.array([1.0, 0.0, -2.0, 2.0]), 0.0), visible=True, raises=ValueError,
             reason="a start that cycles 0, 1, 0, 1, ... (no convergence)"),
        *[Case(f"hidden: real roots, degree {d}", args=_real_rooted(rng, d), check="scalar")
          for d in (1, 2, 4, 7)],
        Case("hidden: a cubic from far right of its roots",
             args=(cubic, float(np.max(np.roots(cubic)).real + rng.uniform(5, 20))),
             check="scalar"),
        Case("hidden: a looser tolerance", args=(cubic, start), kwargs={"tol": 1e-6},
             check="scalar", rtol=1e-5, atol=1e-5),
        Case("edge: x0 is already a root", args=(np.array([1.0, -3.0, 2.0]), 2.0),
             check="scalar", kind="edge"),
        Case("edge: a large root (relative stopping test)",
             args=(np.array([1.0, -1e6 * (1 + rng.random())]), 1.0), check="scalar",
             kind="edge"),
        Case("edge: flat tangent at the start", args=(np.array([1.0, 0.0, -4.0]), 0.0),
             raises=ValueError, kind="edge", reason="p'(x0) = 0"),
        Case("edge: no real root (x^2 + 1)", args=(np.array([1.0, 0.0, 1.0]), 0.5),
             raises=ValueError, kind="edge", reason="x^2 + 1, which has no real root"),
        Case("edge: too few steps allowed",
             args=(np.array([1.0, 0.0, -2.0]), 1000.0), kwargs={"max_iter": 3},
             raises=ValueError, kind="edge", reason="max_iter=3 from x0 = 1000"),
        Case("edge: a constant polynomial", args=(np.array([3.0]), 1.0), raises=ValueError,
             kind="edge", reason="a single coefficient"),
        Case("edge: 2-D coefficients", args=(np.ones((2, 2)), 1.0), raises=ValueError,
             kind="edge", reason="a 2-D coefficient array"),
    ]


def _plus(coeffs: np.ndarray, x0: float, tol: float = 1e-12, max_iter: int = 50) -> float:
    c = np.asarray(coeffs, dtype=float)
    x = float(x0)
    for _ in range(max_iter):
        step = np.polyval(c, x) / np.polyval(np.polyder(c), x)
        x += step
        if abs(step) <= tol * max(1.0, abs(x)):
            return x
    return x


MISTAKES = [
    Mistake(
        "x + p/p'",
        wrong=_plus,
        hint="The step goes the other way: x_new = x - p(x)/p'(x). The tangent's zero lies "
        "where p(x) + p'(x)(x_new - x) = 0.",
    ),
]
