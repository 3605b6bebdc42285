"""A Newton step on a 2-D quadratic lands on its minimiser."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, mat, require, rowvec, terms, vec


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a, c = (int(v) for v in rng.integers(1, 5, 2))
    b = int(rng.integers(-3, 4))
    require(4 * a * c - b * b > 0)  # positive definite Hessian: one minimum
    d, e = (int(v) for v in rng.integers(-6, 7, 2))
    p0 = rng.integers(-3, 4, 2).astype(float)
    H = np.array([[2 * a, b], [b, 2 * c]], dtype=float)
    g = np.array([2 * a * p0[0] + b * p0[1] + d, b * p0[0] + 2 * c * p0[1] + e])
    h = np.linalg.solve(H, -g)
    p1 = p0 + h
    require(np.abs(p1).max() > 0.01)
    require(np.all(np.abs(h) > 0.01))  # the wrong-sign answer differs in every entry
    require(np.all(np.abs(-g - h) > 0.01))  # so does the plain gradient step
    require(np.all(np.abs(h - g) > 0.01))
    f_text = terms([(a, "x^2"), (b, "xy"), (c, "y^2"), (d, "x"), (e, "y")])
    return dict(
        params={"a": a, "b": b, "c": c, "d": d, "e": e, "p0": p0},
        prompt=f"Take one Newton step on $f(x, y) = {f_text}$ from "
        f"$\\mathbf p_0 = {rowvec(p0)}$. Give $\\mathbf p_1$ as `[x, y]`; each component earns "
        "half.",
        answer=answer(p1.tolist(), mode="absolute", tol=1e-3, partial=True),
        feedback=[
            feedback(
                "wrong-sign",
                (p0 - h).tolist(),
                "You moved by +H⁻¹∇f. The Newton step solves H h = -∇f and moves to p0 + h.",
            ),
            feedback(
                "gradient-step",
                (p0 - g).tolist(),
                "That is a gradient step with learning rate 1. Newton's step also uses the "
                "curvature: solve H h = -∇f with the Hessian H.",
            ),
        ],
        solution=f"Gradient: $\\nabla f = ({terms([(2 * a, 'x'), (b, 'y'), (d, '')])},\\ "
        f"{terms([(b, 'x'), (2 * c, 'y'), (e, '')])})$, so $\\nabla f(\\mathbf p_0) = {vec(g)}$. The Hessian is constant: "
        f"$H = {mat(H)}$.\n\n"
        f"Solve $H\\mathbf h = -\\nabla f(\\mathbf p_0)$: $\\mathbf h = {vec(h)}$, and\n\n"
        f"$$\\mathbf p_1 = \\mathbf p_0 + \\mathbf h = {vec(p1)}.$$\n\n"
        "For a quadratic the local model is exact, so this is the minimiser itself: "
        "$\\nabla f(\\mathbf p_1) = \\mathbf 0$ (check it).",
    )
