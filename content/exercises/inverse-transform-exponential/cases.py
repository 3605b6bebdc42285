from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: rate 2, u = [0, 0.5, 0.75]", args=(np.array([0.0, 0.5, 0.75]), 2.0),
             visible=True),
        Case("example: rate 0.5, u = [0.1, 0.9]", args=(np.array([0.1, 0.9]), 0.5),
             visible=True),
        *[Case(f"hidden: {n} draws, rate {rate}", args=(rng.random(n), rate))
          # The long array uses rate 1 (waits mostly below 10): with waits of 10 to 100 some
          # would round to two digits that a failure message's array index can contain.
          for n, rate in [(5, 0.1), (1000, 3.5), (10_000, 1.0)]],
        Case("hidden: a 2-D array of draws", args=(rng.random((20, 3)), 1.7)),
        Case("edge: draws very close to 1 (long waits)",
             args=(1.0 - rng.random(5) * 1e-9, 1.0), kind="edge"),
        Case("edge: a single draw of 0 (wait 0)", args=(np.array([0.0]), 4.0), kind="edge"),
        Case("edge: u = 1", args=(np.array([0.2, 1.0]), 1.0), raises=ValueError, kind="edge",
             reason="a draw of 1 (outside [0, 1))"),
        Case("edge: negative draw", args=(np.array([-0.1, 0.5]), 1.0), raises=ValueError,
             kind="edge", reason="a draw below 0"),
        Case("edge: rate 0", args=(rng.random(3), 0.0), raises=ValueError, kind="edge",
             reason="rate 0"),
        Case("edge: negative rate", args=(rng.random(3), -2.0), raises=ValueError, kind="edge",
             reason="a negative rate"),
    ]


MISTAKES = [
    Mistake(
        "-log(u) instead of -log(1 - u)",
        wrong=lambda u, rate: -np.log(np.asarray(u, dtype=float)) / rate,
        hint="-log(u) / rate has the right distribution, but it is F^-1(1 - u), a decreasing "
        "map: small draws give long waits. Invert F(x) = 1 - exp(-rate x) itself.",
    ),
    Mistake(
        "multiplied by the rate",
        wrong=lambda u, rate: -np.log1p(-np.asarray(u, dtype=float)) * rate,
        hint="Divide by the rate: the mean waiting time is 1 / rate.",
    ),
    Mistake(
        "sign lost",
        wrong=lambda u, rate: np.log1p(-np.asarray(u, dtype=float)) / rate,
        hint="Waiting times cannot be negative: log(1 - u) <= 0, so x = -log(1 - u) / rate.",
    ),
]

NONFINITE_HINT = "log(0) is -inf: with u = 0 that is -log(u). Use log(1 - u), which is 0 there."
