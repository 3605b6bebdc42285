"""Continuous uniform distribution."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, paren, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a = int(rng.integers(-5, 5))
    b = a + int(rng.integers(2, 11))
    c, d = sorted(float(v) for v in rng.integers(a, b + 1, 2))
    require(c < d and (c, d) != (a, b))
    value = (d - c) / (b - a)
    var = (b - a) ** 2 / 12
    return dict(
        params={"a": a, "b": b, "c": c, "d": d},
        prompt=f"$X$ is uniform on $[{a}, {b}]$. Give `[P({num(c)} < X < {num(d)}), Var(X)]`; "
        "each earns half.",
        answer=answer([value, var], mode="relative", tol=1e-3, partial=True),
        solution=f"The density is $1/(b-a) = 1/{b - a}$ on the interval, so probabilities are "
        f"lengths over ${b - a}$: $P = ({num(d)} - {paren(c)})/{b - a} = {num(value)}$.\n\n"
        f"$\\mathrm{{Var}}(X) = (b-a)^2/12 = {(b - a) ** 2}/12 = {num(var)}$.",
    )
