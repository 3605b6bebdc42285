from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    x = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    u = np.array([[0.9, 0.1, 0.6], [0.3, 0.5, 0.05]])
    return [
        Case("example: p = 0.5 in training", args=(x, 0.5, u), visible=True),
        Case("example: the same at inference", args=(x, 0.5, u), kwargs={"training": False},
             visible=True),
        *[Case(f"hidden: p = {p}, shape {shape}",
               args=(rng.normal(size=shape), p, rng.random(shape)))
          for p, shape in [(0.1, (50,)), (0.25, (8, 16)), (0.5, (4, 5, 6)), (0.8, (200,))]],
        Case("hidden: inference with p = 0.3", args=(rng.normal(size=(6, 7)), 0.3,
                                                    rng.random((6, 7))),
             kwargs={"training": False}),
        Case("edge: p = 0 keeps everything", args=(rng.normal(size=10), 0.0, rng.random(10)),
             kind="edge"),
        Case("edge: u exactly equal to p is kept",
             args=(np.array([1.0, 2.0, 3.0, 4.0]), 0.25, np.array([0.25, 0.2499, 0.0, 0.9])),
             kind="edge"),
        Case("edge: integer input", args=(np.arange(1, 7).reshape(2, 3), 0.5,
                                          np.array([[0.7, 0.2, 0.5], [0.1, 0.9, 0.4]])),
             kind="edge"),
        Case("edge: p = 1", args=(np.ones(4), 1.0, np.full(4, 0.5)), raises=ValueError,
             kind="edge", reason="p = 1 (nothing survives and 1 / (1 - p) divides by zero)"),
        Case("edge: p = -0.2", args=(np.ones(4), -0.2, np.full(4, 0.5)), raises=ValueError,
             kind="edge", reason="a negative drop probability"),
        Case("edge: u has the wrong shape", args=(np.ones((2, 3)), 0.5, np.full((3, 2), 0.5)),
             raises=ValueError, kind="edge", reason="u of shape (3, 2) for x of shape (2, 3)"),
        Case("edge: u has the wrong shape at inference", args=(np.ones((2, 3)), 0.5, np.full(6, 0.5)),
             kwargs={"training": False}, raises=ValueError, kind="edge",
             reason="u of shape (6,) for x of shape (2, 3)"),
    ]


def _train_only(f):
    def wrong(x, p, u, training=True):
        x, u = np.asarray(x, dtype=float), np.asarray(u, dtype=float)
        return f(x, p, u) if training else x

    return wrong


MISTAKES = [
    Mistake(
        "no inverted scaling",
        wrong=_train_only(lambda x, p, u: np.where(u >= p, x, 0.0)),
        hint="Inverted dropout divides the kept entries by 1 - p, so that the expected "
        "output of every entry stays x.",
    ),
    Mistake(
        "kept where u < p",
        wrong=_train_only(lambda x, p, u: np.where(u < p, x / (1 - p), 0.0)),
        hint="p is the probability of *dropping*: drop where u < p and keep where u >= p.",
    ),
    Mistake(
        "kept where u < p, divided by p",
        wrong=_train_only(lambda x, p, u: np.where(u < p, x / p, 0.0)),
        hint="p is the probability of dropping: keep where u >= p and divide by the keep "
        "probability 1 - p.",
    ),
    Mistake(
        "divided by p",
        wrong=_train_only(lambda x, p, u: np.where(u >= p, x / p, 0.0)),
        hint="Divide by the probability of keeping an entry, 1 - p, not by p.",
    ),
    Mistake(
        "multiplied by 1 - p",
        wrong=_train_only(lambda x, p, u: np.where(u >= p, x * (1 - p), 0.0)),
        hint="Divide the kept entries by 1 - p (they must grow to make up for the dropped "
        "ones), do not multiply.",
    ),
    Mistake(
        "old-style dropout: scaled at inference",
        wrong=lambda x, p, u, training=True: (np.where(np.asarray(u) >= p, x, 0.0) if training
                                              else np.asarray(x, dtype=float) * (1 - p)),
        hint="That is the original (non-inverted) dropout. Here the scaling happens during "
        "training, and inference returns x untouched.",
    ),
    Mistake(
        "mask applied at inference",
        wrong=lambda x, p, u, training=True: np.where(np.asarray(u) >= p,
                                                      np.asarray(x, dtype=float) / (1 - p), 0.0),
        hint="With training=False dropout does nothing: return x as it is.",
    ),
]
