from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: z = (0, 2, -2)", args=(np.array([0.0, 2.0, -2.0]),), visible=True),
        Case("example: z = (1, -1, 4)", args=(np.array([1.0, -1.0, 4.0]),), visible=True),
        *[Case(f"hidden: random normal, shape {shape}", args=(rng.normal(size=shape) * 3,))
          for shape in [(1,), (100,), (20, 30)]],
        Case("hidden: uniform on [-30, 30]", args=(rng.uniform(-30, 30, size=500),)),
        Case("edge: z = 0 gives (0.5, 0.25)", args=(np.zeros(3),), kind="edge"),
        Case("edge: large positive z (up to 1000)",
             args=(np.array([20.0, 50.0, 700.0, 1000.0]),), kind="edge"),
        Case("edge: large negative z (down to -1000)",
             args=(np.array([-20.0, -50.0, -750.0, -1000.0]),), kind="edge"),
        Case("edge: 3-D input keeps its shape", args=(rng.normal(size=(2, 3, 4)),), kind="edge"),
    ]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


MISTAKES = [
    Mistake(
        "derivative applied to z instead of sigma(z)",
        wrong=lambda z: (_sigmoid(z), np.asarray(z, dtype=float) * (1 - np.asarray(z, float))),
        hint="The derivative is sigma(z) * (1 - sigma(z)): plug in the sigmoid value s, not z.",
    ),
    Mistake(
        "returned 1 - sigma as the derivative",
        wrong=lambda z: (_sigmoid(z), 1 - _sigmoid(z)),
        hint="1 - sigma(z) is sigma(-z), not the derivative; multiply it by sigma(z).",
    ),
    Mistake(
        "sign flipped in the exponent",
        wrong=lambda z: (_sigmoid(-np.asarray(z, dtype=float)),
                         _sigmoid(z) * (1 - _sigmoid(z))),
        hint="Your sigmoid decreases with z: it is 1 / (1 + e^{-z}), with a minus sign in the "
        "exponent.",
    ),
]

NONFINITE_HINT = (
    "overflow: e^z for z near 1000 is inf and inf / inf is nan. Use exp(-|z|), which never "
    "overflows, and pick the formula by the sign of z."
)
