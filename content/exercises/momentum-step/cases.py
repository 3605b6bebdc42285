from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _state(rng: np.random.Generator, shape: tuple[int, ...]) -> tuple:
    return rng.normal(size=shape), rng.normal(size=shape), rng.normal(size=shape)


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: two parameters",
             args=(np.array([1.0, 2.0]), np.array([0.5, -0.5]), np.array([1.0, 1.0]), 0.1, 0.9),
             visible=True),
        Case("example: first step from zero velocity",
             args=(np.array([3.0]), np.array([0.0]), np.array([2.0]), 0.5, 0.9), visible=True),
        *[Case(f"hidden: random shape {shape}, lr={lr}, beta={beta}",
               args=(*_state(rng, shape), lr, beta))
          for shape, lr, beta in [((5,), 0.01, 0.9), ((4, 3), 0.1, 0.5), ((100,), 1e-3, 0.99)]],
        Case("edge: beta = 0 is plain gradient descent", args=(*_state(rng, (6,)), 0.1, 0.0),
             kind="edge"),
        Case("edge: zero gradient keeps coasting", args=(np.ones(3), np.ones(3), np.zeros(3),
                                                         0.1, 0.9), kind="edge"),
        Case("edge: beta = 1 is not allowed", args=(*_state(rng, (2,)), 0.1, 1.0),
             raises=ValueError, kind="edge"),
        Case("edge: shapes differ", args=(np.ones(3), np.ones(2), np.ones(3), 0.1, 0.9),
             raises=ValueError, kind="edge"),
        Case("edge: learning rate 0", args=(np.ones(2), np.zeros(2), np.ones(2), 0.0, 0.9),
             raises=ValueError, kind="edge"),
        Case("edge: negative learning rate", args=(np.ones(2), np.zeros(2), np.ones(2), -0.1, 0.9),
             raises=ValueError, kind="edge"),
        Case("edge: negative beta", args=(np.ones(2), np.zeros(2), np.ones(2), 0.1, -0.5),
             raises=ValueError, kind="edge"),
    ]


def _arrays(w: np.ndarray, v: np.ndarray, g: np.ndarray) -> tuple:
    return tuple(np.asarray(a, dtype=float) for a in (w, v, g))


def _sutskever(
    w: np.ndarray, v: np.ndarray, g: np.ndarray, lr: float, beta: float
) -> tuple[np.ndarray, np.ndarray]:
    w, v, g = _arrays(w, v, g)
    v_new = beta * v - lr * g
    return w + v_new, v_new


def _ema(
    w: np.ndarray, v: np.ndarray, g: np.ndarray, lr: float, beta: float
) -> tuple[np.ndarray, np.ndarray]:
    w, v, g = _arrays(w, v, g)
    v_new = beta * v + (1 - beta) * g
    return w - lr * v_new, v_new


def _old_velocity(
    w: np.ndarray, v: np.ndarray, g: np.ndarray, lr: float, beta: float
) -> tuple[np.ndarray, np.ndarray]:
    w, v, g = _arrays(w, v, g)
    return w - lr * v, beta * v + g


MISTAKES = [
    Mistake(
        "velocity stores -lr * gradient",
        wrong=_sutskever,
        hint="That is the other convention (v = beta v - lr g, w = w + v). Here the velocity "
        "accumulates raw gradients, v_new = beta * v + grad, and w_new = w - lr * v_new.",
    ),
    Mistake(
        "exponential moving average",
        wrong=_ema,
        hint="You averaged with (1 - beta) * grad, as Adam's first moment does. Plain momentum "
        "adds the full gradient: v_new = beta * v + grad.",
    ),
    Mistake(
        "stepped with the old velocity",
        wrong=_old_velocity,
        hint="Update the velocity first, then step with the *new* velocity.",
    ),
]
