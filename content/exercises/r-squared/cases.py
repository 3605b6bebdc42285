from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _linear_fit(rng: np.random.Generator, n: int, noise: float):
    x = rng.uniform(-3, 3, size=n)
    y = 2.0 * x + 1.0 + noise * rng.normal(size=n)
    slope, intercept = np.linalg.lstsq(np.c_[x, np.ones(n)], y, rcond=None)[0]
    return y, slope * x + intercept


def cases(rng: np.random.Generator) -> list[Case]:
    y_fit, pred_fit = _linear_fit(rng, 200, 1.5)
    y = rng.normal(10.0, 3.0, size=50)
    biased = y + 2.0 + 0.5 * rng.normal(size=50)
    shrunk = 0.5 * y + 5.0 + rng.normal(size=50)
    y_big = rng.normal(size=10_000)
    return [
        Case("example: four predictions",
             args=(np.array([3.0, -0.5, 2.0, 7.0]), np.array([2.5, 0.0, 2.0, 8.0])),
             visible=True, check="scalar"),
        Case("example: perfectly correlated but shifted by 5",
             args=(np.array([3.0, -0.5, 2.0, 7.0]), np.array([8.0, 4.5, 7.0, 12.0])),
             visible=True, check="scalar"),
        Case("hidden: least-squares line on its training data", args=(y_fit, pred_fit),
             check="scalar"),
        Case("hidden: predictions biased upwards", args=(y, biased), check="scalar"),
        Case("hidden: predictions shrunk towards the mean", args=(y, shrunk), check="scalar"),
        Case("hidden: n=10000, noisy predictions",
             args=(y_big, 0.8 * y_big + 0.6 * rng.normal(size=10_000)), check="scalar"),
        Case("edge: predicting the mean everywhere", args=(y, np.full(50, y.mean())),
             check="scalar", kind="edge"),
        Case("edge: perfect predictions", args=(y, y.copy()), check="scalar", kind="edge"),
        Case("edge: two values", args=(np.array([1.0, 3.0]), np.array([2.0, 2.5])),
             check="scalar", kind="edge"),
        Case("edge: constant y_true", args=(np.full(6, 4.0), rng.normal(size=6)),
             raises=ValueError, kind="edge", reason="a constant y_true (SS_tot = 0)"),
        Case("edge: lengths differ", args=(y, biased[:-1]), raises=ValueError, kind="edge",
             reason="arrays of different lengths"),
        Case("edge: a single value", args=(np.array([2.0]), np.array([1.0])),
             raises=ValueError, kind="edge", reason="fewer than two values"),
    ]


def _ss(y, f) -> tuple[float, float]:
    y, f = np.asarray(y, dtype=float), np.asarray(f, dtype=float)
    return float(((y - f) ** 2).sum()), float(((y - y.mean()) ** 2).sum())


def _corr_squared(y, f) -> float:
    y, f = np.asarray(y, dtype=float), np.asarray(f, dtype=float)
    yc, fc = y - y.mean(), f - f.mean()
    return float((yc @ fc) ** 2 / ((yc @ yc) * (fc @ fc)))


def _mean_of_pred(y, f) -> float:
    y, f = np.asarray(y, dtype=float), np.asarray(f, dtype=float)
    return 1.0 - float(((y - f) ** 2).sum() / ((y - f.mean()) ** 2).sum())


MISTAKES = [
    Mistake(
        "squared correlation",
        wrong=_corr_squared,
        hint="This is the squared correlation of y_true and y_pred. R² = 1 - SS_res / SS_tot "
        "also punishes a shift or a wrong scale of the predictions, which correlation ignores.",
    ),
    Mistake(
        "ratio without 1 -",
        wrong=lambda y, f: _ss(y, f)[0] / _ss(y, f)[1],
        hint="You returned SS_res / SS_tot, the fraction of variance NOT explained. R² is 1 minus "
        "that.",
    ),
    Mistake(
        "mean of y_pred in SS_tot",
        wrong=_mean_of_pred,
        hint="SS_tot measures the spread of the TARGETS around their own mean: use the mean of "
        "y_true, not of y_pred.",
    ),
]
