from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("allclose", "allclose", "allclose")


def _params(rng: np.random.Generator, d: int) -> tuple[np.ndarray, ...]:
    return (rng.uniform(0.5, 2.0, size=d), rng.normal(size=d), rng.normal(size=d),
            rng.uniform(0.5, 3.0, size=d))


def cases(rng: np.random.Generator) -> list[Case]:
    x = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0], [6.0, 40.0]])
    ex = (x, np.array([1.0, 2.0]), np.array([0.0, -1.0]), np.zeros(2), np.ones(2))
    rows = []
    for n, d, training, momentum in [(8, 3, True, 0.1), (64, 10, True, 0.01), (2, 4, True, 0.5),
                                     (32, 5, False, 0.1), (1, 6, False, 0.1)]:
        X = rng.normal(2.0, 3.0, size=(n, d))
        rows.append(Case(f"hidden: N={n}, D={d}, {'training' if training else 'inference'}, "
                         f"momentum={momentum}", args=(X, *_params(rng, d), training),
                         kwargs={"momentum": momentum}, check=CHECK))
    const = rng.normal(size=(10, 3))
    const[:, 1] = 4.2  # a constant feature: variance 0, only eps keeps the division finite
    return [
        Case("example: training", args=(*ex, True), visible=True, check=CHECK),
        Case("example: inference", args=(*ex, False), visible=True, check=CHECK),
        *rows,
        Case("hidden: large offset, small spread, eps = 1e-3",
             args=(1e3 + 0.01 * rng.normal(size=(16, 4)), *_params(rng, 4), True),
             kwargs={"eps": 1e-3}, check=CHECK),
        Case("edge: a constant feature", args=(const, *_params(rng, 3), True), check=CHECK,
             kind="edge"),
        Case("edge: momentum = 1 replaces the running statistics",
             args=(rng.normal(size=(5, 2)), *_params(rng, 2), True), kwargs={"momentum": 1.0},
             check=CHECK, kind="edge"),
        Case("edge: momentum = 0 keeps them", args=(rng.normal(size=(5, 2)), *_params(rng, 2), True),
             kwargs={"momentum": 0.0}, check=CHECK, kind="edge"),
        Case("edge: x is 1-D", args=(np.ones(4), *_params(rng, 4), True), raises=ValueError,
             kind="edge", reason="a 1-D x (it must be (N, D))"),
        Case("edge: gamma has the wrong length", args=(np.ones((3, 2)), np.ones(3), np.zeros(2),
                                                       np.zeros(2), np.ones(2), True),
             raises=ValueError, kind="edge", reason="gamma of length 3 for D = 2"),
        Case("edge: running_var has the wrong length",
             args=(np.ones((3, 2)), np.ones(2), np.zeros(2), np.zeros(2), np.ones(5), False),
             raises=ValueError, kind="edge", reason="running_var of length 5 for D = 2"),
        Case("edge: one row in training", args=(np.ones((1, 3)), *_params(rng, 3), True),
             raises=ValueError, kind="edge", reason="a batch of one row in training mode"),
        Case("edge: momentum = 1.5", args=(np.ones((4, 2)), *_params(rng, 2), True),
             kwargs={"momentum": 1.5}, raises=ValueError, kind="edge",
             reason="momentum outside [0, 1]"),
    ]


def _bn(x, gamma, beta, rm, rv, training, momentum=0.1, eps=1e-5, *, ddof=0, eps_out=False,
        swap=False, batch_at_inference=False):
    x = np.asarray(x, dtype=float)
    if training or batch_at_inference:
        mean, var = x.mean(axis=0), x.var(axis=0, ddof=ddof)
    else:
        mean, var = rv * 0 + rm, rv
    if training:
        m = 1 - momentum if swap else momentum
        rm, rv = (1 - m) * rm + m * mean, (1 - m) * rv + m * var
    scale = np.sqrt(var) + eps if eps_out else np.sqrt(var + eps)
    return gamma * (x - mean) / scale + beta, rm, rv


MISTAKES = [
    Mistake(
        "unbiased variance (n - 1)",
        wrong=lambda *a, **k: _bn(*a, **k, ddof=1),
        hint="Batch norm normalises with the biased variance: divide the squared deviations by "
        "N, not N - 1 (np.var's default ddof=0).",
    ),
    Mistake(
        "momentum the wrong way round",
        wrong=lambda *a, **k: _bn(*a, **k, swap=True),
        hint="The running statistics move only a small step towards the batch: "
        "(1 - momentum) * running + momentum * batch.",
    ),
    Mistake(
        "batch statistics at inference",
        wrong=lambda *a, **k: _bn(*a, **k, batch_at_inference=True),
        hint="At inference (training=False) normalise with running_mean and running_var, not "
        "with the statistics of the batch.",
    ),
    Mistake(
        "eps outside the square root",
        wrong=lambda *a, **k: _bn(*a, **k, eps_out=True),
        hint="eps belongs inside the square root: (x - mean) / sqrt(var + eps).",
    ),
]

NONFINITE_HINT = (
    "a constant feature has variance 0: divide by sqrt(var + eps), with eps inside the root, "
    "so the division stays finite."
)
