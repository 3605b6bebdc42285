"""The Lagrange multiplier of a quadratic with one linear equality constraint."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, num, require, terms


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a, b = (int(v) for v in rng.integers(1, 5, 2))
    p, q = (int(v) for v in rng.choice([-3, -2, -1, 1, 2, 3], 2))
    r = int(rng.choice([-6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6]))
    s = p * p / (2 * a) + q * q / (2 * b)
    lam = -r / s
    x, y = -lam * p / (2 * a), -lam * q / (2 * b)
    require(abs(lam) > 0.05)
    optimum = r * r / (2 * s)
    g_text = terms([(p, "x"), (q, "y")])
    lam_sym = "\\lambda"
    return dict(
        params={"a": a, "b": b, "p": p, "q": q, "r": r},
        prompt=f"Minimise $f(x, y) = {terms([(a, 'x^2'), (b, 'y^2')])}$ subject to "
        f"${g_text} = {r}$. With the Lagrangian "
        f"$\\mathcal L = f(x, y) + \\lambda\\,({terms([(p, 'x'), (q, 'y'), (-r, '')])})$, what is the multiplier "
        "$\\lambda$ at the minimum?",
        answer=answer(lam, mode="relative", tol=1e-3),
        feedback=[
            feedback(
                "sign-convention",
                -lam,
                "Right size, wrong sign: that is the multiplier of L = f - λg. With "
                "L = f + λg, stationarity reads ∇f + λ∇g = 0.",
                credit=0.5,
            ),
            feedback(
                "forgot-factor-2",
                lam / 2,
                "Check the derivatives: d(a x^2)/dx = 2a x, not a x.",
            ),
        ],
        solution="Stationarity of $\\mathcal L$ in $x$ and $y$:\n\n"
        f"$$\\frac{{\\partial\\mathcal L}}{{\\partial x}} = {terms([(2 * a, 'x'), (p, lam_sym)])}"
        " = 0, \\qquad \\frac{\\partial\\mathcal L}{\\partial y} = "
        f"{terms([(2 * b, 'y'), (q, lam_sym)])} = 0,$$\n\n"
        f"so $x = {terms([(-p / (2 * a), lam_sym)])}$ and $y = {terms([(-q / (2 * b), lam_sym)])}$. "
        f"Substituting into the constraint: ${terms([(-s, lam_sym)])} = {r}$, so\n\n"
        f"$$\\lambda = {num(lam)},$$\n\n"
        f"at the point $(x, y) = ({num(x)}, {num(y)})$, where $f = {num(optimum)}$. As a check "
        f"of its meaning: with the constraint's right-hand side $c$ in place of ${r}$, the "
        f"optimum is ${num(1 / (2 * s))}\\,c^2$, whose derivative at $c = {r}$ is "
        f"${num(r / s)} = -\\lambda$.",
    )
