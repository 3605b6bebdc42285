"""The second-order Taylor approximation of a function near a point."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from questionlib import answer, feedback, num, paren, require

# name in LaTeX, points a to expand at, and (f, f', f'') as functions of a (in LaTeX and value)
_Derivatives = Callable[[float], tuple[float, float, float]]
_FUNCTIONS: list[tuple[str, list[float], _Derivatives, tuple[str, str, str]]] = [
    ("e^x", [0, 1, -1, 0.5], lambda a: (math.exp(a),) * 3, ("e^x", "e^x", "e^x")),
    (
        "\\ln x",
        [1, 2, 3],
        lambda a: (math.log(a), 1 / a, -1 / a**2),
        ("\\ln x", "1/x", "-1/x^2"),
    ),
    (
        "\\sqrt x",
        [1, 4, 9],
        lambda a: (math.sqrt(a), 0.5 / math.sqrt(a), -0.25 / a**1.5),
        ("\\sqrt x", "\\tfrac{1}{2}x^{-1/2}", "-\\tfrac{1}{4}x^{-3/2}"),
    ),
    (
        "1/x",
        [1, 2, 0.5],
        lambda a: (1 / a, -1 / a**2, 2 / a**3),
        ("1/x", "-1/x^2", "2/x^3"),
    ),
    (
        "\\cos x",
        [0, 0.5, 1],
        lambda a: (math.cos(a), -math.sin(a), -math.cos(a)),
        ("\\cos x", "-\\sin x", "-\\cos x"),
    ),
]


def generate(rng: np.random.Generator) -> dict[str, Any]:
    name, points, derivatives, texts = _FUNCTIONS[int(rng.integers(len(_FUNCTIONS)))]
    a = float(rng.choice(points))
    h = float(rng.choice([-0.3, -0.2, -0.1, 0.1, 0.2, 0.3, 0.4]))
    # ln, sqrt and 1/x blow up at 0: keep x within a quarter of the way there, where the
    # dropped terms are small
    require(name in ("e^x", "\\cos x") or abs(h) <= a / 4)
    f0, f1, f2 = derivatives(a)
    value = f0 + f1 * h + 0.5 * f2 * h * h
    require(abs(value) > 0.05)
    require(abs(0.5 * f2 * h * h) > 5e-3 * abs(value))  # the wrong answers are rejected
    exact = derivatives(a + h)[0]
    x = a + h
    return dict(
        params={"f": name, "a": a, "h": h},
        prompt=f"Approximate $f(x) = {name}$ at $x = {num(x)}$ by its second-order Taylor "
        f"expansion around $a = {num(a)}$. What value does the approximation give?",
        answer=answer(value, mode="relative", tol=1e-3),
        feedback=[
            feedback(
                "no-half",
                f0 + f1 * h + f2 * h * h,
                "The quadratic term is f''(a) h^2 / 2: you left out the 1/2.",
            ),
            feedback(
                "first-order",
                f0 + f1 * h,
                "That is the tangent line (first order). The second-order expansion adds "
                "f''(a) h^2 / 2.",
            ),
        ],
        solution=f"$f(a + h) \\approx f(a) + f'(a)\\,h + \\tfrac12 f''(a)\\,h^2$ with "
        f"$a = {num(a)}$ and $h = {num(h)}$. Here $f = {texts[0]}$, $f' = {texts[1]}$ and "
        f"$f'' = {texts[2]}$, so $f(a) = {num(f0)}$, $f'(a) = {num(f1)}$ and "
        f"$f''(a) = {num(f2)}$:\n\n"
        f"$${num(f0)} + {paren(f1)}\\cdot{paren(h)} + \\tfrac12\\cdot{paren(f2)}\\cdot"
        f"{paren(h)}^2 = {num(value, 6)}.$$\n\n"
        f"The true value is $f({num(x)}) = {num(exact, 6)}$; the difference, "
        f"${num(exact - value, 6)}$, comes from the terms of order $h^3$ and higher that the "
        "expansion drops.",
    )
