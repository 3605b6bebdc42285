"""Lasso soft-thresholding."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, require, rowvec


def generate(rng: np.random.Generator) -> dict[str, Any]:
    z = np.round(rng.uniform(-3, 3, 4), 1)
    lam = float(rng.choice([0.5, 1.0, 1.5]))
    require(np.any(np.abs(z) <= lam) and np.any(np.abs(z) > lam))
    out = np.sign(z) * np.maximum(np.abs(z) - lam, 0)
    return dict(
        params={"z": z, "lambda": lam},
        prompt="Write the lasso as $\\min_\\beta \\tfrac12\\lVert\\mathbf y - X\\beta\\rVert^2 + "
        "\\lambda\\lVert\\beta\\rVert_1$ (with the $\\tfrac12$; without it the threshold below "
        "is $\\lambda/2$). With an orthonormal design ($X^TX = I$) its solution is the "
        "soft-thresholding $S_\\lambda(z) = \\mathrm{sign}(z)\\max(|z| - \\lambda, 0)$ of the "
        f"least-squares coefficients $\\mathbf z = X^T\\mathbf y$. Apply it with $\\lambda = {num(lam)}$ to $\\mathbf z = {rowvec(z)}$; "
        "each entry earns a quarter.",
        answer=answer(out.tolist(), mode="absolute", tol=1e-6, partial=True),
        solution="Entries with $|z| \\le \\lambda$ become exactly 0; the rest move "
        f"$\\lambda$ toward 0:\n\n$$S_{{{num(lam)}}}(\\mathbf z) = {rowvec(out)}.$$\n\n"
        "This is why the lasso produces sparse models while ridge only shrinks.",
    )
