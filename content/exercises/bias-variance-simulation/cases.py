from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("scalar", "scalar", "scalar")


def cases(rng: np.random.Generator) -> list[Case]:
    table = np.array([[1.0, 3.0], [2.0, 2.0], [0.0, 4.0]])
    hidden = [
        Case(f"hidden: normal data, R={r}, n={n}, ddof={ddof}",
             args=(rng.normal(1.0, sigma, size=(r, n)), sigma**2, ddof), check=CHECK)
        for r, n, ddof, sigma in [(2000, 5, 0, 1.5), (2000, 5, 1, 1.5), (500, 20, 1, 0.3),
                                  (100, 200, 0, 3.0), (50, 3, 2, 1.0)]
    ]
    return [
        Case("example: three data sets, ddof=0", args=(table, 2.0, 0), visible=True, check=CHECK),
        Case("example: three data sets, ddof=1", args=(table, 2.0, 1), visible=True, check=CHECK),
        *hidden,
        Case("hidden: exponential data (skewed), ddof=1",
             args=(rng.exponential(2.0, size=(1000, 10)), 4.0, 1), check=CHECK),
        Case("edge: a single replication (variance 0)", args=(rng.normal(size=(1, 6)), 1.0, 1),
             check=CHECK, kind="edge"),
        Case("edge: more replications than values, R=7, n=4",
             args=(rng.normal(size=(7, 4)), 1.0, 0), check=CHECK, kind="edge"),
        Case("edge: n equal to ddof", args=(rng.normal(size=(5, 1)), 1.0, 1), raises=ValueError,
             kind="edge", reason="data sets of size 1 with ddof=1"),
        Case("edge: negative ddof", args=(rng.normal(size=(5, 4)), 1.0, -1), raises=ValueError,
             kind="edge", reason="ddof = -1"),
        Case("edge: 1-D samples", args=(rng.normal(size=10), 1.0, 0), raises=ValueError,
             kind="edge", reason="a 1-D array (no replications)"),
        Case("edge: no replications", args=(np.zeros((0, 5)), 1.0, 0), raises=ValueError,
             kind="edge", reason="R = 0 data sets"),
    ]


def _wrong(samples: np.ndarray, true_var: float, ddof: int, how: str) -> tuple[float, ...]:
    x = np.asarray(samples, dtype=float)
    axis = 0 if how == "columns" else 1
    estimates = x.var(axis=axis, ddof=0 if how == "ddof_ignored" else ddof)
    r = estimates.size
    bias = estimates.mean() - true_var
    variance = ((estimates - estimates.mean()) ** 2).sum() / (r - 1 if how == "r_minus_1" else r)
    mse = ((estimates - true_var) ** 2).mean()
    if how == "bias_squared":
        return float(bias**2), float(variance), float(mse)
    if how == "mse_no_square":
        return float(bias), float(variance), float(bias + variance)
    return float(bias), float(variance), float(mse)


MISTAKES = [
    Mistake("bias squared", wrong=lambda s, t, d: _wrong(s, t, d, "bias_squared"),
            hint="Return the bias with its sign, mean(estimates) - true_var; its square is the "
            "part of the MSE it explains."),
    Mistake("R - 1 across replications", wrong=lambda s, t, d: _wrong(s, t, d, "r_minus_1"),
            hint="The variance across replications divides by R here (so that mse = bias^2 + "
            "variance exactly), not R - 1."),
    Mistake("estimator along the wrong axis", wrong=lambda s, t, d: _wrong(s, t, d, "columns"),
            hint="Each ROW is one simulated data set: compute the variance along axis=1."),
    Mistake("ddof ignored", wrong=lambda s, t, d: _wrong(s, t, d, "ddof_ignored"),
            hint="The estimator divides by n - ddof: pass ddof on (np.var's default is 0)."),
    Mistake("mse as bias + variance", wrong=lambda s, t, d: _wrong(s, t, d, "mse_no_square"),
            hint="MSE = bias^2 + variance: the bias is squared. Better, compute it directly as "
            "mean((estimates - true_var)^2)."),
]
