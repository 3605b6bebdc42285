"""Gradient descent on a 2-D quadratic."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, require, terms, vec


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a, b = (int(v) for v in rng.integers(1, 5, 2))
    p = rng.integers(-4, 5, 2).astype(float)
    lr = float(rng.choice([0.1, 0.2]))
    require(np.all(p != 0) and 2 * max(a, b) * lr < 2)
    p0 = p.copy()
    lines = []
    for t in range(2):
        g = np.array([2 * a * p[0], 2 * b * p[1]])
        new = p - lr * g
        lines.append(
            f"- step {t + 1}: $\\nabla f = {vec(g)}$, $\\mathbf p_{{{t + 1}}} = {vec(p)} - "
            f"{num(lr)}{vec(g)} = {vec(new)}$"
        )
        p = new
    require(np.all(np.abs(p) > 1e-3))
    return dict(
        params={"a": a, "b": b, "p0": p0, "lr": lr},
        prompt="Take two gradient-descent steps on "
        f"$f(x, y) = {terms([(a, 'x^2'), (b, 'y^2')])}$ from "
        f"$\\mathbf p_0 = ({num(p0[0])}, {num(p0[1])})$ with learning rate $\\eta = {num(lr)}$. "
        "Give $\\mathbf p_2$ as `[x, y]`; each component earns half.",
        answer=answer(p.tolist(), mode="absolute", tol=1e-3, partial=True),
        solution=f"$\\nabla f(x, y) = ({2 * a}x, {2 * b}y)$ and $\\mathbf p_{{t+1}} = "
        "\\mathbf p_t - \\eta\\nabla f(\\mathbf p_t)$:\n\n" + "\n".join(lines),
    )
