"""Least-squares line by the normal equation."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, mat, num, require, vec


def generate(rng: np.random.Generator) -> dict[str, Any]:
    x = np.sort(rng.choice(np.arange(0, 8), size=4, replace=False)).astype(float)
    y = rng.integers(-5, 11, 4).astype(float)
    X = np.column_stack([np.ones(4), x])
    XtX, Xty = X.T @ X, X.T @ y
    w = np.linalg.solve(XtX, Xty)
    require(abs(w[1]) > 0.05)
    return dict(
        params={"x": x, "y": y},
        prompt="Fit $y \\approx w_0 + w_1x$ by least squares to the points "
        + ", ".join(f"$({num(a)}, {num(b)})$" for a, b in zip(x, y, strict=True))
        + ". Give `[w0, w1]`; each earns half.",
        answer=answer(w.tolist(), mode="absolute", tol=2e-3, partial=True),
        solution="With the design matrix $X$ (a column of ones, then $x$) the normal equation "
        "is $X^TX\\mathbf w = X^T\\mathbf y$:\n\n"
        f"$$X^TX = {mat(XtX)},\\qquad X^T\\mathbf y = {vec(Xty)}.$$\n\n"
        f"Solving: $\\mathbf w = (X^TX)^{{-1}}X^T\\mathbf y = {vec(w)}$. "
        "(`np.linalg.lstsq(X, y)` gives the same without forming $X^TX$.)",
    )
