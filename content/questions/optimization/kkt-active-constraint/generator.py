"""KKT conditions: which inequality constraint is active at a projection."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import numpy as np
from questionlib import answer, num, require, rowvec, terms

# h_j(x, y) = n_j . (x, y) - c_j <= 0, numbered 1, 2, 3
_NORMALS = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
_NAMES = ["x", "y", "x + y"]


def _kkt_point(target: np.ndarray, c: np.ndarray) -> tuple[tuple[int, ...], np.ndarray, np.ndarray]:
    """The minimiser of |p - target|^2 subject to N p <= c, by trying every active set:
    the one whose point is feasible and whose multipliers are >= 0 (unique: convex)."""
    for size in range(3):
        for active in combinations(range(3), size):
            A = _NORMALS[list(active)]
            # stationarity 2(p - target) + A^T mu = 0 and A p = c[active], stacked
            kkt = np.zeros((2 + size, 2 + size))
            kkt[:2, :2] = 2 * np.eye(2)
            kkt[:2, 2:] = A.T
            kkt[2:, :2] = A
            rhs = np.concatenate([2 * target, c[list(active)]])
            solution = np.linalg.solve(kkt, rhs)
            point, mu = solution[:2], solution[2:]
            if np.all(_NORMALS @ point - c <= 1e-9) and np.all(mu >= -1e-9):
                return active, point, mu
    raise AssertionError("a strictly convex problem has a KKT point")


def generate(rng: np.random.Generator) -> dict[str, Any]:
    target = rng.integers(-2, 6, 2).astype(float)
    c = np.array([rng.integers(0, 4), rng.integers(0, 4), rng.integers(1, 6)], dtype=float)
    active, point, mu = _kkt_point(target, c)
    require(len(active) <= 1)
    slack = c - _NORMALS @ point
    inactive = [j for j in range(3) if j not in active]
    require(np.all(slack[inactive] > 0.25))  # clearly inactive, not on the boundary
    require(np.all(mu > 0.25))  # clearly active: a strictly positive multiplier
    value = active[0] + 1 if active else 0
    a, b = (num(v) for v in target)
    dx, dy = terms([(1, "x"), (-target[0], "")]), terms([(1, "y"), (-target[1], "")])
    squares = " + ".join(f"({t})^2" if " " in t else f"{t}^2" for t in (dx, dy))
    rows = "\n".join(
        f"{j + 1}. $h_{j + 1} = {terms([(1, _NAMES[j]), (-c[j], '')])} \\le 0$" for j in range(3)
    )
    violated = [j + 1 for j in range(3) if _NORMALS[j] @ target > c[j]]
    checks = "\n".join(
        f"- $h_{j + 1} = {num(-slack[j])}$"
        + (
            f", active, with $\\mu_{j + 1} = {num(mu[0])} > 0$"
            if j in active
            else ": inactive, so $\\mu_" + f"{j + 1} = 0$"
        )
        for j in range(3)
    )
    if not active:
        start = f"The unconstrained minimiser $({a}, {b})$ satisfies all three constraints, so it "
        start += "is the constrained minimiser too, and no constraint is active: every $\\mu_j = 0$."
    else:
        j = active[0]
        start = (
            f"The unconstrained minimiser $({a}, {b})$ violates constraint"
            f"{'s' if len(violated) > 1 else ''} {', '.join(map(str, violated))}. Try constraint "
            f"{j + 1} alone as active: minimise the distance to $({a}, {b})$ on the line "
            f"${_NAMES[j]} = {num(c[j])}$, which gives $(x, y) = {rowvec(point)}$, and "
            f"stationarity $2({dx},\\ {dy}) + \\mu_{j + 1}\\nabla h_{j + 1} = \\mathbf 0$ "
            f"gives $\\mu_{j + 1} = {num(mu[0])}$."
        )
    return dict(
        params={"target": target, "c": c},
        prompt=f"Minimise $f(x, y) = {squares}$ subject to\n\n{rows}\n\n"
        "At the minimiser exactly one constraint is active, or none. Give the number of the "
        "active constraint (1, 2 or 3), or 0 if none is active.",
        answer=answer(value, mode="exact"),
        solution=f"{start}\n\nCheck the KKT conditions at $(x, y) = {rowvec(point)}$:\n\n"
        f"{checks}\n\nAll constraints hold, every $\\mu_j \\ge 0$ and every product "
        "$\\mu_j h_j = 0$ (complementary slackness), and the problem is convex, so this is "
        f"the minimiser. Answer: **{value}**.",
    )
