"""Chain rule at a point."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from questionlib import answer, num, paren, poly, require


def _nonzero(rng: np.random.Generator, low: int, high: int) -> int:
    value = 0
    while value == 0:
        value = int(rng.integers(low, high + 1))
    return value


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a = _nonzero(rng, -3, 3)
    b = int(rng.integers(-4, 5))
    x0 = int(rng.integers(-2, 3))
    inner = a * x0 + b
    if rng.random() < 0.5:
        n = int(rng.integers(2, 5))
        require(inner != 0)
        value = float(n * a * inner ** (n - 1))
        f = f"({poly([a, b])})^{{{n}}}"
        work = (
            f"Outer $u^{n}$, inner $u = {poly([a, b])}$ with $u' = {a}$:\n\n"
            f"$$f'(x) = {n}({poly([a, b])})^{{{n - 1}}}\\cdot {paren(a)},\\qquad "
            f"f'({x0}) = {n}\\cdot{paren(inner)}^{{{n - 1}}}\\cdot{paren(a)} = {num(value)}.$$"
        )
        spec = answer(value, mode="exact")
    else:
        require(abs(inner) <= 3)
        value = a * math.exp(inner)
        f = f"e^{{{poly([a, b])}}}"
        work = (
            f"Outer $e^u$, inner $u = {poly([a, b])}$ with $u' = {a}$:\n\n"
            f"$$f'(x) = {paren(a)}\\,e^{{{poly([a, b])}}},\\qquad f'({x0}) = {paren(a)}\\,"
            f"e^{{{inner}}} \\approx {num(value)}.$$"
        )
        spec = answer(value, mode="relative", tol=1e-3)
    return dict(
        params={"f": f, "x0": x0},
        prompt=f"Let $f(x) = {f}$. Compute $f'({x0})$. Expressions such as `2e^3` are fine.",
        answer=spec,
        solution="Chain rule: $\\frac{d}{dx} g(u(x)) = g'(u(x))\\,u'(x)$. " + work,
    )
