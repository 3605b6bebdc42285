from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _params(rng: np.random.Generator, n: int, d: int, h: int, scale: float = 0.5) -> tuple:
    return (rng.normal(size=(n, d)), rng.normal(size=(n, h)) * 0.5,
            rng.normal(size=(d, h)) * scale, rng.normal(size=(h, h)) * scale,
            rng.normal(size=h) * 0.1)


def cases(rng: np.random.Generator) -> list[Case]:
    ex = (np.array([[1.0, 2.0]]), np.array([[0.5, -1.0, 0.0]]),
          np.array([[0.1, 0.2, 0.0], [0.0, -0.1, 0.3]]),
          np.array([[0.5, 0.0, 0.0], [0.0, 0.5, 0.0], [1.0, 0.0, 0.5]]),
          np.array([0.0, 0.1, -0.1]))
    return [
        Case("example: one example, D=2, H=3", args=ex, visible=True),
        Case("example: zero state and zero weights give tanh(b)",
             args=(np.ones((2, 2)), np.zeros((2, 3)), np.zeros((2, 3)), np.zeros((3, 3)),
                   np.array([0.0, 1.0, -2.0])), visible=True),
        *[Case(f"hidden: N={n}, D={d}, H={h}", args=_params(rng, n, d, h))
          for n, d, h in [(1, 1, 1), (4, 3, 5), (32, 10, 16), (3, 8, 2)]],
        Case("edge: large pre-activations saturate", args=_params(rng, 5, 4, 6, scale=20.0),
             kind="edge"),
        Case("edge: x with more rows than h_prev", args=(np.ones((3, 2)), np.ones((2, 4)),
                                                        np.ones((2, 4)), np.ones((4, 4)),
                                                        np.ones(4)),
             raises=ValueError, kind="edge", reason="3 rows in x and 2 in h_prev"),
        Case("edge: Wh not square", args=(np.ones((2, 2)), np.ones((2, 4)), np.ones((2, 4)),
                                          np.ones((4, 3)), np.ones(4)),
             raises=ValueError, kind="edge", reason="Wh of shape (4, 3) for H = 4"),
        Case("edge: Wx transposed", args=(np.ones((2, 3)), np.ones((2, 4)), np.ones((4, 3)),
                                          np.ones((4, 4)), np.ones(4)),
             raises=ValueError, kind="edge", reason="Wx of shape (4, 3) for D = 3, H = 4"),
        Case("edge: b of the wrong length", args=(np.ones((2, 3)), np.ones((2, 4)), np.ones((3, 4)),
                                                  np.ones((4, 4)), np.ones(3)),
             raises=ValueError, kind="edge", reason="b of length 3 for H = 4"),
        Case("edge: x is 1-D", args=(np.ones(3), np.ones((1, 4)), np.ones((3, 4)), np.ones((4, 4)),
                                     np.ones(4)),
             raises=ValueError, kind="edge", reason="a 1-D x (it must be (N, D))"),
    ]


def _f(x, h, Wx, Wh, b):
    return tuple(np.asarray(a, dtype=float) for a in (x, h, Wx, Wh, b))


MISTAKES = [
    Mistake(
        "Wh transposed",
        wrong=lambda *a: (lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h @ Wh.T + b))(*_f(*a)),
        hint="Rows are examples, so the previous state multiplies from the left: h_prev @ Wh, "
        "not h_prev @ Wh.T.",
    ),
    Mistake(
        "no tanh",
        wrong=lambda *a: (lambda x, h, Wx, Wh, b: x @ Wx + h @ Wh + b)(*_f(*a)),
        hint="The cell squashes the sum with tanh; without it the state can grow without bound.",
    ),
    Mistake(
        "sigmoid instead of tanh",
        wrong=lambda *a: (lambda x, h, Wx, Wh, b: 1 / (1 + np.exp(-(x @ Wx + h @ Wh + b))))(*_f(*a)),
        hint="A vanilla RNN cell uses tanh (outputs in (-1, 1), centred at 0), not the sigmoid.",
    ),
    Mistake(
        "previous state ignored",
        wrong=lambda *a: (lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + b))(*_f(*a)),
        hint="The recurrence is the point: add h_prev @ Wh before the tanh.",
    ),
    Mistake(
        "previous state added without Wh",
        wrong=lambda *a: (lambda x, h, Wx, Wh, b: np.tanh(x @ Wx + h + b))(*_f(*a)),
        hint="The previous state goes through its own weights: h_prev @ Wh.",
    ),
]
