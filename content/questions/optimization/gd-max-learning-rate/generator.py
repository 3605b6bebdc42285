"""Largest stable learning rate."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, poly


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a = int(rng.integers(1, 21)) / 2
    b, c = (int(v) for v in rng.integers(-9, 10, 2))
    value = 1 / a
    return dict(
        params={"a": a, "b": b, "c": c},
        prompt=f"Gradient descent on $f(x) = {poly([a, b, c])}$ converges to the minimum from "
        "any start exactly when the learning rate $\\eta$ lies in $(0, \\eta_{\\max})$. "
        "What is $\\eta_{\\max}$?",
        answer=answer(value, mode="relative", tol=1e-3),
        solution=f"The minimum is at $x^* = {num(-b / (2 * a))}$ and $f'(x) = {num(2 * a)}"
        f"(x - x^*)$, so a step moves the error $e_t = x_t - x^*$ to $e_{{t+1}} = "
        f"(1 - {num(2 * a)}\\eta)\\,e_t$. The error shrinks iff $|1 - {num(2 * a)}\\eta| < 1$, "
        f"i.e. $0 < \\eta < 2/{num(2 * a)} = {num(value)}$. In general $\\eta < 2/L$ where $L$ "
        f"is the largest curvature (here $L = f'' = {num(2 * a)}$); the linear and constant "
        "terms do not matter.",
    )
