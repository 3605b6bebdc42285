"""k steps of gradient descent in 1-D."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, paren, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a = int(rng.integers(1, 4))
    c = int(rng.integers(-3, 4))
    x = float(rng.integers(-5, 6))
    lr = float(rng.choice([0.05, 0.1, 0.2]))
    k = int(rng.integers(2, 4))
    require(x != c)
    x0 = x
    lines = []
    for t in range(k):
        grad = 2 * a * (x - c)
        new = x - lr * grad
        lines.append(f"- $x_{{{t + 1}}} = {num(x)} - {num(lr)}\\cdot{paren(grad)} = {num(new)}$")
        x = new
    require(abs(x) > 1e-3)
    return dict(
        params={"a": a, "c": c, "x0": x0, "lr": lr, "k": k},
        prompt=f"Minimise $f(x) = {'' if a == 1 else a}(x {'-' if c >= 0 else '+'} {abs(c)})^2$ by "
        "gradient "
        f"descent from $x_0 = {num(x0)}$ with learning rate $\\eta = {num(lr)}$. What is "
        f"$x_{{{k}}}$, the value after {k} steps?",
        answer=answer(x, mode="relative", tol=1e-3),
        solution=f"$f'(x) = {2 * a}(x {'-' if c >= 0 else '+'} {abs(c)})$ and each step is "
        "$x_{t+1} = x_t - \\eta f'(x_t)$:\n\n" + "\n".join(lines) + "\n\nEach step shrinks the "
        f"distance to the minimum $x^* = {c}$ by the factor $1 - 2\\cdot{a}\\cdot{num(lr)} = "
        f"{num(1 - 2 * a * lr)}$.",
    )
