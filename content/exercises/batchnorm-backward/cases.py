from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("allclose", "allclose", "allclose")


def cases(rng: np.random.Generator) -> list[Case]:
    x = np.array([[1.0, 0.0], [2.0, 4.0], [6.0, 2.0]])
    dout = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    hidden = [
        Case(f"hidden: random N={n}, D={d}",
             args=(rng.normal(size=(n, d)), rng.normal(1.0, 2.0, size=(n, d)),
                   rng.uniform(0.5, 2.0, size=d)), check=CHECK)
        for n, d in [(4, 3), (16, 8), (128, 5), (2, 6)]
    ]
    xs = rng.normal(size=(10, 4))
    return [
        Case("example: N=3, D=2", args=(dout, x, np.array([1.0, 0.5])), visible=True, check=CHECK),
        Case("example: upstream gradient of ones", args=(np.ones((3, 2)), x, np.array([1.0, 0.5])),
             visible=True, check=CHECK),
        *hidden,
        Case("hidden: eps = 0.1 and features on different scales",
             args=(rng.normal(size=(12, 3)), rng.normal(size=(12, 3)) * np.array([0.1, 1.0, 30.0]),
                   rng.uniform(0.5, 2.0, size=3)), kwargs={"eps": 0.1}, check=CHECK),
        Case("edge: dout proportional to x_hat", args=(3.0 * (xs - xs.mean(0)) / xs.std(0), xs,
                                                       np.ones(4)), check=CHECK, kind="edge"),
        Case("edge: dout is the same in every row (dx = 0)",
             args=(np.tile(rng.normal(size=3), (6, 1)), rng.normal(size=(6, 3)), np.ones(3)),
             check=CHECK, kind="edge"),
        Case("edge: x is 1-D", args=(np.ones(3), np.ones(3), np.ones(3)), raises=ValueError,
             kind="edge", reason="a 1-D x (it must be (N, D))"),
        Case("edge: dout and x shapes differ", args=(np.ones((3, 2)), np.ones((4, 2)), np.ones(2)),
             raises=ValueError, kind="edge", reason="dout (3, 2) against x (4, 2)"),
        Case("edge: gamma has the wrong length", args=(np.ones((3, 2)), np.eye(3)[:, :2],
                                                       np.ones(3)),
             raises=ValueError, kind="edge", reason="gamma of length 3 for D = 2"),
    ]


def _forward(x, eps):
    x = np.asarray(x, dtype=float)
    mu = x.mean(axis=0)
    inv = 1.0 / np.sqrt(x.var(axis=0) + eps)
    return (x - mu) * inv, inv


def _wrong(dout, x, gamma, eps=1e-5, *, kind):
    dout = np.asarray(dout, dtype=float)
    x_hat, inv = _forward(x, eps)
    g = dout * gamma
    n = len(x_hat)
    if kind == "constants":
        dx = g * inv
    elif kind == "mean-only":
        dx = inv * (g - g.mean(axis=0))
    elif kind == "no-gamma":
        dx = inv / n * (n * dout - dout.sum(0) - x_hat * (dout * x_hat).sum(0))
    else:  # variance path only
        dx = inv * (g - x_hat * (g * x_hat).mean(axis=0))
    return dx, (dout * x_hat).sum(axis=0), dout.sum(axis=0)


MISTAKES = [
    Mistake(
        "mean and variance treated as constants",
        wrong=lambda *a, **k: _wrong(*a, **k, kind="constants"),
        hint="dx = dout * gamma / sqrt(var + eps) ignores that the batch mean and variance "
        "depend on x too. Add the paths through the variance and through the mean.",
    ),
    Mistake(
        "only the path through the mean",
        wrong=lambda *a, **k: _wrong(*a, **k, kind="mean-only"),
        hint="You included the path through the mean but not the one through the variance: "
        "subtract x_hat times the mean of (dx_hat * x_hat) over the batch as well.",
    ),
    Mistake(
        "only the path through the variance",
        wrong=lambda *a, **k: _wrong(*a, **k, kind="var-only"),
        hint="You included the path through the variance but not the one through the mean: "
        "subtract the batch mean of dx_hat as well.",
    ),
    Mistake(
        "gamma left out of dx",
        wrong=lambda *a, **k: _wrong(*a, **k, kind="no-gamma"),
        hint="The gradient reaching x_hat is dout * gamma: y = gamma * x_hat + beta.",
    ),
]
