"""Two steps of power iteration."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, mat, num, require, vec


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a, d = (int(x) for x in rng.integers(1, 10, 2))
    b = int(rng.integers(1, 5)) * int(rng.choice([-1, 1]))
    A = np.array([[a, b], [b, d]], dtype=float)
    x0 = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]][int(rng.integers(0, 3))])
    x = x0.copy()
    lines = []
    for k in (1, 2):
        y = A @ x
        require(np.abs(y).max() > 0)
        lines.append(
            f"Step {k}: $A\\mathbf x_{{{k - 1}}} = {vec(y)}$, divide by its largest magnitude "
            f"${num(np.abs(y).max())}$: $\\mathbf x_{{{k}}} = {vec(y / np.abs(y).max())}$."
        )
        x = y / np.abs(y).max()
    require(np.all(np.abs(x) > 1e-3))
    return dict(
        params={"A": A, "x0": x0},
        prompt=f"Run two steps of power iteration on $$A = {mat(A)}$$ starting from "
        f"$\\mathbf x_0 = ({num(x0[0])}, {num(x0[1])})^T$. In each step multiply by $A$, then "
        "divide the result by the largest absolute value among its entries. Give "
        "$\\mathbf x_2$ as `[x, y]`.",
        answer=answer(x.tolist(), mode="absolute", tol=1e-3, partial=True),
        solution="\n\n".join(lines)
        + "\n\nRepeating this converges to the eigenvector of the largest eigenvalue; "
        "PageRank is the same iteration on the link matrix.",
    )
