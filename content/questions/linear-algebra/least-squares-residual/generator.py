"""Norm of the residual of a least-squares line through four points."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, num, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    t = np.arange(4, dtype=float)
    y = rng.integers(0, 11, 4).astype(float)
    X = np.column_stack([np.ones(4), t])
    gram, rhs = X.T @ X, X.T @ y
    w = np.linalg.solve(gram, rhs)
    residual = y - X @ w
    rss = float(residual @ residual)
    value = float(np.sqrt(rss))
    require(value > 0.3 and abs(rss - value) > 0.01 * value)
    points = ", ".join(f"({num(a)}, {num(b)})" for a, b in zip(t, y, strict=True))
    return dict(
        params={"t": t, "y": y},
        prompt=f"Fit the line $y = w_1 + w_2 t$ by least squares through the points ${points}$. "
        "What is the norm $\\lVert \\mathbf y - X\\hat{\\mathbf w} \\rVert$ of the residual?",
        answer=answer(value, mode="relative", tol=1e-3),
        feedback=[
            feedback(
                "squared-norm",
                rss,
                "That is the squared norm, the residual sum of squares. The norm is its "
                "square root.",
            ),
        ],
        solution="With columns $\\mathbf 1$ and $\\mathbf t$, the normal equation reads\n\n"
        f"$$\\begin{{bmatrix}} 4 & 6 \\\\ 6 & 14 \\end{{bmatrix}}\\mathbf w = "
        f"\\begin{{bmatrix}} {num(rhs[0])} \\\\ {num(rhs[1])} \\end{{bmatrix}}, \\qquad "
        f"\\hat w_1 = {num(w[0])},\\ \\hat w_2 = {num(w[1])}.$$\n\n"
        f"The fitted values are $({', '.join(num(v) for v in X @ w)})$ and the residuals "
        f"$({', '.join(num(v) for v in residual)})$, orthogonal to both columns. Their squared "
        f"norm is ${num(rss)}$, so\n\n"
        f"$$\\lVert \\mathbf y - X\\hat{{\\mathbf w}} \\rVert = \\sqrt{{{num(rss)}}} \\approx "
        f"{num(value)}.$$",
    )
