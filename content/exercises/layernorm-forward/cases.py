from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _gb(rng: np.random.Generator, d: int) -> tuple[np.ndarray, np.ndarray]:
    return rng.uniform(0.5, 2.0, size=d), rng.normal(size=d)


def cases(rng: np.random.Generator) -> list[Case]:
    x = np.array([[1.0, 2.0, 3.0, 6.0], [10.0, 10.0, 10.0, 14.0]])
    rows = rng.normal(size=(3, 5))
    rows[1] = 7.0  # a constant row: variance 0
    return [
        Case("example: two rows, gamma = 1, beta = 0", args=(x, np.ones(4), np.zeros(4)),
             visible=True),
        Case("example: with gamma and beta",
             args=(x, np.array([1.0, 2.0, 1.0, 0.5]), np.array([0.0, 0.0, 1.0, -1.0])),
             visible=True),
        *[Case(f"hidden: random shape {shape}", args=(rng.normal(3.0, 2.0, size=shape),
                                                     *_gb(rng, shape[-1])))
          for shape in [(4, 8), (64, 16), (2, 5, 6), (3, 4, 2, 10)]],
        Case("hidden: eps = 0.01", args=(rng.normal(size=(5, 3)), *_gb(rng, 3)),
             kwargs={"eps": 0.01}),
        Case("edge: a single 1-D vector", args=(rng.normal(size=7), *_gb(rng, 7)), kind="edge"),
        Case("edge: a constant row", args=(rows, *_gb(rng, 5)), kind="edge"),
        Case("edge: a batch of one row", args=(rng.normal(size=(1, 6)), *_gb(rng, 6)), kind="edge"),
        # x - mean carries the ~1e-12 rounding of a mean near 1e4, and the division by
        # sqrt(var + eps) ~ 3e-3 amplifies it to ~1e-9 relative: a looser rtol for this case
        # (a wrong axis or D - 1 is still off by >5%).
        Case("edge: large offset, tiny spread",
             args=(1e4 + 1e-3 * rng.normal(size=(4, 8)), *_gb(rng, 8)), kind="edge", rtol=1e-6,
             atol=1e-8),
        Case("edge: integer input", args=(np.array([[1, 2, 3], [4, 4, 7]]), np.ones(3),
                                          np.zeros(3)), kind="edge"),
        Case("edge: a 0-d x", args=(np.array(3.0), np.ones(1), np.zeros(1)), raises=ValueError,
             kind="edge", reason="a 0-d x"),
        Case("edge: gamma has the batch's length", args=(np.ones((3, 4)), np.ones(3), np.zeros(4)),
             raises=ValueError, kind="edge", reason="gamma of length 3 for D = 4"),
        Case("edge: beta has the wrong length", args=(np.ones((3, 4)), np.ones(4), np.zeros(5)),
             raises=ValueError, kind="edge", reason="beta of length 5 for D = 4"),
    ]


def _ln(x, gamma, beta, eps=1e-5, *, axis=-1, ddof=0, eps_out=False):
    x = np.asarray(x, dtype=float)
    mu = x.mean(axis=axis, keepdims=True)
    sd = x.std(axis=axis, ddof=ddof, keepdims=True)
    return gamma * (x - mu) / ((sd + eps) if eps_out else np.sqrt(sd**2 + eps)) + beta


MISTAKES = [
    Mistake(
        "normalised down the batch (batch norm)",
        wrong=lambda x, g, b, eps=1e-5: _ln(x, g, b, eps, axis=0),
        hint="That is batch norm: statistics over axis 0. Layer norm takes the mean and "
        "variance of each row, over the last axis (axis=-1, keepdims=True).",
    ),
    Mistake(
        "normalised over the whole array",
        wrong=lambda x, g, b, eps=1e-5: _ln(x, g, b, eps, axis=None),
        hint="Compute one mean and one variance per row (over the last axis), not one for the "
        "whole array.",
    ),
    Mistake(
        "unbiased variance (D - 1)",
        wrong=lambda x, g, b, eps=1e-5: _ln(x, g, b, eps, ddof=1),
        hint="Divide the squared deviations by D, not D - 1 (the biased variance, np.var's "
        "default).",
    ),
    Mistake(
        "eps outside the square root",
        wrong=lambda x, g, b, eps=1e-5: _ln(x, g, b, eps, eps_out=True),
        hint="eps goes inside the root: (x - mean) / sqrt(var + eps).",
    ),
]

NONFINITE_HINT = "a constant row has variance 0: divide by sqrt(var + eps), eps inside the root."
