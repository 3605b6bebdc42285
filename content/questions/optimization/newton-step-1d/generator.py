"""One Newton step to minimise a quartic in one dimension."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, num, require, terms


def _apart(values: list[float], rtol: float) -> bool:
    """Every pair differs by more than `rtol` relative to the larger one."""
    return all(
        abs(a - b) > rtol * max(abs(a), abs(b))
        for i, a in enumerate(values)
        for b in values[i + 1 :]
    )


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a = int(rng.integers(1, 3))
    b = int(rng.integers(1, 5))
    c = int(rng.choice([-6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6]))
    x0 = float(rng.choice([-2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2]))
    f0 = a * x0**4 + b * x0**2 + c * x0
    d1 = 4 * a * x0**3 + 2 * b * x0 + c
    d2 = 12 * a * x0**2 + 2 * b  # > 0: f is convex, the step heads for the minimum
    x1 = x0 - d1 / d2
    require(abs(d1) > 0.1 and abs(x1) > 0.05)
    root_of_f = x0 - f0 / d1  # Newton's root-finding step applied to f instead of f'
    uphill = x0 + d1 / d2
    require(_apart([x1, root_of_f, uphill], 1e-2))
    f_text = terms([(a, "x^4"), (b, "x^2"), (c, "x")])
    return dict(
        params={"a": a, "b": b, "c": c, "x0": x0},
        prompt=f"Take one step of Newton's method for **minimising** $f(x) = {f_text}$, "
        f"starting from $x_0 = {num(x0)}$. What is $x_1$?",
        answer=answer(x1, mode="relative", tol=1e-3),
        feedback=[
            feedback(
                "root-of-f",
                root_of_f,
                "You took the root-finding step x0 - f(x0)/f'(x0), which looks for a zero of f. "
                "To minimise, look for a zero of f': x1 = x0 - f'(x0)/f''(x0).",
            ),
            feedback(
                "wrong-sign",
                uphill,
                "You added f'(x0)/f''(x0). Newton's step subtracts it: x1 = x0 - f'(x0)/f''(x0).",
            ),
        ],
        solution="Minimising means solving $f'(x) = 0$, so apply Newton's iteration to $f'$: "
        "$x_1 = x_0 - f'(x_0)/f''(x_0)$, the minimum of the local parabola.\n\n"
        f"$f'(x) = {terms([(4 * a, 'x^3'), (2 * b, 'x'), (c, '')])}$ and "
        f"$f''(x) = {terms([(12 * a, 'x^2'), (2 * b, '')])}$, so "
        f"$f'({num(x0)}) = {num(d1)}$ and $f''({num(x0)}) = {num(d2)}$:\n\n"
        f"$$x_1 = {num(x0)} - \\frac{{{num(d1)}}}{{{num(d2)}}} = {num(x1)}.$$",
    )
