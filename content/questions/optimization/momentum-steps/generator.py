"""Gradient descent with momentum."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, paren, require, terms


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a = int(rng.integers(1, 4))
    x = float(rng.integers(1, 21)) * float(rng.choice([-1, 1]))
    lr = float(rng.choice([0.05, 0.1]))
    beta = float(rng.choice([0.5, 0.8, 0.9]))
    x0, v = x, 0.0
    lines = []
    for t in range(2):
        g = 2 * a * x
        v_new = beta * v + g
        x_new = x - lr * v_new
        lines.append(
            f"- $g_{{{t}}} = {num(g)}$, $v_{{{t + 1}}} = {num(beta)}\\cdot{paren(v)} + {paren(g)} "
            f"= {num(v_new)}$, $x_{{{t + 1}}} = {num(x)} - {num(lr)}\\cdot{paren(v_new)} = "
            f"{num(x_new)}$"
        )
        x, v = x_new, v_new
    require(abs(x) > 1e-3)
    return dict(
        params={"a": a, "x0": x0, "lr": lr, "beta": beta},
        prompt=f"Minimise $f(x) = {terms([(a, 'x^2')])}$ with momentum: "
        "$v_{t+1} = \\beta v_t + f'(x_t)$, "
        f"$x_{{t+1}} = x_t - \\eta v_{{t+1}}$, starting at $x_0 = {num(x0)}$, $v_0 = 0$, with "
        f"$\\eta = {num(lr)}$ and $\\beta = {num(beta)}$. What is $x_2$?",
        answer=answer(x, mode="relative", tol=1e-3),
        solution=f"$f'(x) = {2 * a}x$.\n\n" + "\n".join(lines) + "\n\nThe velocity remembers "
        "past gradients, so consecutive steps in the same direction grow.",
    )
