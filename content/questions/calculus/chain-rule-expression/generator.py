"""Chain rule, answered as a formula: a symbolic answer with two anticipated wrong answers."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import expression, feedback


def _power(n: int) -> str:
    return "x" if n == 1 else f"x^{n}"


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a = int(rng.integers(2, 6))
    n = int(rng.integers(2, 4))
    outer = str(rng.choice(["sin", "cos"]))
    inner = f"{a}*{_power(n)}"
    inner_prime = f"{a * n}*{_power(n - 1)}"
    other = "cos" if outer == "sin" else "sin"
    sign = "" if outer == "sin" else "-"
    derivative = f"{sign}{inner_prime}*{other}({inner})"
    wrong_sign = f"{'-' if sign == '' else ''}{inner_prime}*{other}({inner})"
    inner_tex = f"{a}{_power(n)}"
    return dict(
        params={"a": a, "n": n, "outer": outer},
        prompt=f"Let $f(x) = \\{outer}({inner_tex})$. Write $f'(x)$ as a formula in $x$.",
        answer=expression(
            derivative,
            ["x"],
            feedback=[
                feedback(
                    "forgot-inner-derivative",
                    f"{sign}{other}({inner})",
                    "That is the outer derivative alone: the chain rule also multiplies by "
                    f"the derivative of the inside, ${a}{_power(n)}$.",
                ),
                feedback(
                    "sign",
                    wrong_sign,
                    f"Check the sign: $\\frac{{d}}{{du}}\\{outer} u = "
                    f"{'' if outer == 'sin' else '-'}\\{other} u$.",
                    credit=0.5,
                ),
            ],
        ),
        solution=f"With $u = {inner_tex}$, $\\frac{{du}}{{dx}} = {a * n}{_power(n - 1)}$ and "
        f"$\\frac{{d}}{{du}}\\{outer} u = {'' if outer == 'sin' else '-'}\\{other} u$, so "
        f"$$f'(x) = {sign}{a * n}{_power(n - 1)}\\,\\{other}({inner_tex}).$$",
    )
