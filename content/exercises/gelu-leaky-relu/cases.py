from __future__ import annotations

import math

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("allclose", "allclose")
NAMES = ("leaky_relu", "gelu", "gelu_tanh")


def cases(rng: np.random.Generator) -> list[Case]:
    grid = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
    zeros_and_signs = np.array([[0.0, -0.0, 1e-300], [-1e-300, 3.0, -3.0]])
    return [
        Case("example: leaky_relu on five points", args=(grid, "leaky_relu"),
             kwargs={"alpha": 0.1}, visible=True, check=CHECK),
        Case("example: gelu on five points", args=(grid, "gelu"), visible=True, check=CHECK),
        Case("example: gelu_tanh on five points", args=(grid, "gelu_tanh"), visible=True,
             check=CHECK),
        *[Case(f"hidden: {name}, random (40,) vector", args=(rng.normal(0.0, 2.0, size=40), name),
               check=CHECK)
          for name in NAMES],
        *[Case(f"hidden: {name}, random (6, 7) matrix", args=(rng.uniform(-4, 4, size=(6, 7)), name),
               check=CHECK)
          for name in NAMES],
        Case("hidden: leaky_relu with alpha = 0.2, (3, 4, 5) tensor",
             args=(rng.normal(size=(3, 4, 5)), "leaky_relu"), kwargs={"alpha": 0.2}, check=CHECK),
        Case("hidden: leaky_relu with the default alpha", args=(rng.normal(size=30), "leaky_relu"),
             check=CHECK),
        Case("edge: leaky_relu at exactly 0 and tiny values", args=(zeros_and_signs, "leaky_relu"),
             kwargs={"alpha": 0.3}, check=CHECK, kind="edge"),
        Case("edge: alpha = 0 is a plain ReLU", args=(rng.normal(size=12), "leaky_relu"),
             kwargs={"alpha": 0.0}, check=CHECK, kind="edge"),
        Case("edge: gelu far in both tails", args=(np.array([-30.0, -10.0, -7.0, 7.0, 10.0, 30.0]),
                                                    "gelu"), check=CHECK, kind="edge"),
        Case("edge: gelu_tanh far in both tails",
             args=(np.array([-30.0, -10.0, -7.0, 7.0, 10.0, 30.0]), "gelu_tanh"), check=CHECK,
             kind="edge"),
        Case("edge: gelu of a single 0-d value", args=(np.array(0.7), "gelu"), check=CHECK,
             kind="edge"),
        Case("edge: unknown name 'relu6'", args=(grid, "relu6"), raises=ValueError, kind="edge",
             reason="an activation name that is not one of the three"),
        Case("edge: alpha = 1.5", args=(grid, "leaky_relu"), kwargs={"alpha": 1.5},
             raises=ValueError, kind="edge", reason="alpha outside [0, 1)"),
        Case("edge: alpha = -0.1", args=(grid, "leaky_relu"), kwargs={"alpha": -0.1},
             raises=ValueError, kind="edge", reason="alpha outside [0, 1)"),
    ]


def _cdf(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.array([math.erf(v / math.sqrt(2.0)) for v in np.ravel(x)]).reshape(np.shape(x)))


def _pdf(x: np.ndarray) -> np.ndarray:
    return np.exp(-0.5 * np.asarray(x) ** 2) / math.sqrt(2.0 * math.pi)


def _tanh_gelu(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(x, dtype=float)
    c = math.sqrt(2.0 / math.pi)
    t = np.tanh(c * (x + 0.044715 * x**3))
    return 0.5 * x * (1 + t), 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * 0.044715 * x * x)


def _only(name: str, f):  # a mistake that concerns one activation only
    def wrong(x, n, alpha=0.01):
        if n != name:
            raise ValueError("not this activation")
        return f(np.asarray(x, dtype=float), alpha)

    return wrong


def _sig(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


MISTAKES = [
    Mistake(
        "GELU derivative without the x * phi(x) term",
        wrong=_only("gelu", lambda x, a: (x * _cdf(x), _cdf(x))),
        hint="The derivative of x * Phi(x) needs the product rule: Phi(x) + x * phi(x), where "
        "phi is the standard normal density exp(-x^2/2) / sqrt(2 pi).",
    ),
    Mistake(
        "tanh-GELU derivative without the chain-rule term",
        wrong=_only("gelu_tanh", lambda x, a: (_tanh_gelu(x)[0], 0.5 * (1 + np.tanh(
            math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3))))),
        hint="Product rule on 0.5 x (1 + tanh u): besides 0.5 (1 + tanh u) there is "
        "0.5 x (1 - tanh(u)^2) du/dx, with du/dx = sqrt(2/pi) (1 + 3 * 0.044715 x^2).",
    ),
    Mistake(
        "tanh approximation used for the exact GELU",
        wrong=_only("gelu", lambda x, a: _tanh_gelu(x)),
        hint="'gelu' is the exact form x * Phi(x) with erf; the tanh formula is the separate "
        "'gelu_tanh' (they differ by up to about 5e-4).",
    ),
    Mistake(
        "sigmoid approximation x * sigmoid(1.702 x)",
        wrong=lambda x, n, alpha=0.01: (np.asarray(x) * _sig(1.702 * np.asarray(x)),
                                        _sig(1.702 * np.asarray(x))),
        hint="x * sigmoid(1.702 x) is a cruder approximation of GELU. Use erf for 'gelu' and "
        "the tanh formula for 'gelu_tanh'.",
    ),
    Mistake(
        "leaky ReLU derivative 0 for negatives",
        wrong=_only("leaky_relu", lambda x, a: (np.where(x > 0, x, a * x), (x > 0).astype(float))),
        hint="The point of the leak: for x <= 0 the slope is alpha, not 0.",
    ),
    Mistake(
        "leaky ReLU derivative 1 at exactly 0",
        wrong=_only("leaky_relu", lambda x, a: (np.where(x > 0, x, a * x), np.where(x >= 0, 1.0, a))),
        hint="At exactly x = 0 the statement asks for the slope alpha (the left derivative): "
        "test x > 0, not x >= 0.",
    ),
    Mistake(
        "leaky ReLU scaled the positive side",
        wrong=_only("leaky_relu", lambda x, a: (np.where(x > 0, a * x, x), np.where(x > 0, a, 1.0))),
        hint="alpha multiplies the negative side; positive inputs pass through unchanged.",
    ),
]
