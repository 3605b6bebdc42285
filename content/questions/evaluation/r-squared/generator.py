"""R^2 of a regression model's predictions, which is not the squared correlation."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, num, paren, require


def _listing(values: np.ndarray) -> str:
    return ", ".join(num(v) for v in values)


def generate(rng: np.random.Generator) -> dict[str, Any]:
    y = rng.integers(0, 21, 5).astype(float)
    require(np.ptp(y) >= 5)
    bias = float(rng.choice([-3, -2, -1, 0, 1, 2, 3]))
    pred = y + rng.integers(-3, 4, 5) + bias
    require(np.ptp(pred) > 0)
    residual = y - pred
    ss_res = float(residual @ residual)
    centred = y - y.mean()
    ss_tot = float(centred @ centred)
    value = 1 - ss_res / ss_tot
    r = float(np.corrcoef(y, pred)[0, 1])
    require(abs(value) > 0.05)
    require(abs(r * r - value) > 0.01 * abs(value))
    return dict(
        params={"y": y, "y_hat": pred},
        prompt=f"A regression model predicts $\\hat y = ({_listing(pred)})$ for targets "
        f"$y = ({_listing(y)})$. Compute its coefficient of determination $R^2$.",
        answer=answer(value, mode="relative", tol=1e-3),
        feedback=[
            feedback(
                "squared-correlation",
                r * r,
                "That is the squared correlation r² between y and ŷ. R² = 1 − SS_res/SS_tot "
                "compares the predictions with always predicting the mean; the two agree "
                "only for a least-squares fit on its own training data.",
            ),
        ],
        solution=f"$\\bar y = {num(y.mean())}$. Residuals $y - \\hat y = ({_listing(residual)})$, "
        f"so $SS_\\text{{res}} = {' + '.join(paren(v) + '^2' for v in residual)} = {num(ss_res)}$. "
        f"Deviations from the mean $({_listing(centred)})$ give "
        f"$SS_\\text{{tot}} = {num(ss_tot)}$.\n\n"
        f"$$R^2 = 1 - \\frac{{SS_\\text{{res}}}}{{SS_\\text{{tot}}}} = 1 - "
        f"\\frac{{{num(ss_res)}}}{{{num(ss_tot)}}} \\approx {num(value)}.$$\n\n"
        f"(The squared correlation is $r^2 \\approx {num(r * r)}$, a different number: it "
        "ignores any bias or scale error in the predictions.)",
    )
