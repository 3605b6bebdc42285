"""PCA explained variance ratio."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, mat, num, paren, require


def _sym_eigen_text(a: float, b: float, d: float) -> tuple[float, float, str]:
    """Eigenvalues (descending) of [[a, b], [b, d]] and the worked characteristic equation."""
    tr, det = a + d, a * d - b * b
    disc = tr * tr - 4 * det
    root = float(np.sqrt(disc))
    l1, l2 = (tr + root) / 2, (tr - root) / 2
    text = (
        "The eigenvalues solve $\\det(A-\\lambda I)=0$, i.e. "
        "$\\lambda^2 - (\\operatorname{tr}A)\\lambda + \\det A = 0$ with "
        f"$\\operatorname{{tr}}A = {num(tr)}$ and $\\det A = {num(det)}$:\n\n"
        f"$$\\lambda = \\frac{{{num(tr)} \\pm \\sqrt{{{paren(tr)}^2 - 4\\cdot{paren(det)}}}}}{{2}}"
        f" = \\frac{{{num(tr)} \\pm \\sqrt{{{num(disc)}}}}}{{2}},$$\n\n"
        f"so $\\lambda_1 \\approx {num(l1)}$ and $\\lambda_2 \\approx {num(l2)}$."
    )
    return l1, l2, text


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a, d = (int(x) for x in rng.integers(1, 10, 2))
    b = int(rng.integers(-4, 5))
    require(a * d - b * b > 0 and b != 0)
    C = np.array([[a, b], [b, d]], dtype=float)
    l1, l2, text = _sym_eigen_text(a, b, d)
    value = l1 / (l1 + l2)
    return dict(
        params={"covariance": C},
        prompt=f"Centred 2-D data has covariance matrix $$\\Sigma = {mat(C)}.$$\n\n"
        "What fraction of the total variance does the first principal component explain? "
        "Give a number between 0 and 1.",
        answer=answer(value, mode="relative", tol=1e-3),
        solution="The principal components are the eigenvectors of $\\Sigma$; the variance "
        "along each is its eigenvalue.\n\n"
        f"{text}\n\nThe explained variance ratio of the first component is "
        f"$$\\frac{{\\lambda_1}}{{\\lambda_1+\\lambda_2}} = \\frac{{{num(l1)}}}{{{num(l1 + l2)}}}"
        f" \\approx {num(value)}.$$ (The total variance is also the trace, ${num(a + d)}$.)",
    )
