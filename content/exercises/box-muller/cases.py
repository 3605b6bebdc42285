from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: two pairs of draws",
             args=(np.array([0.5, 0.9]), np.array([0.25, 0.5])), visible=True),
        Case("example: u1 = 0 gives radius 0",
             args=(np.array([0.0, 0.6]), np.array([0.3, 0.125])), visible=True),
        *[Case(f"hidden: {n} pairs", args=(rng.random(n), rng.random(n)))
          for n in (3, 100, 2000)],
        Case("hidden: 2-D arrays of draws", args=(rng.random((10, 4)), rng.random((10, 4)))),
        Case("edge: u1 close to 1 (a far tail draw)",
             args=(1.0 - 1e-12 * rng.random(3), rng.random(3)), kind="edge"),
        Case("edge: shapes differ", args=(rng.random(4), rng.random(5)), raises=ValueError,
             kind="edge", reason="draws of shapes (4,) and (5,)"),
        # Broadcasting would pair one u1 with every u2 instead of failing.
        Case("edge: one u1 against three u2", args=(np.array([0.5]), rng.random(3)),
             raises=ValueError, kind="edge", reason="draws of shapes (1,) and (3,)"),
        Case("edge: u1 = 1", args=(np.array([1.0]), np.array([0.5])), raises=ValueError,
             kind="edge", reason="u1 = 1 (outside [0, 1))"),
        Case("edge: u2 negative", args=(np.array([0.5]), np.array([-0.25])), raises=ValueError,
             kind="edge", reason="u2 < 0"),
    ]


def _bm(u1: np.ndarray, u2: np.ndarray, how: str = "") -> tuple[np.ndarray, np.ndarray]:
    u1 = np.asarray(u1, dtype=float)
    u2 = np.asarray(u2, dtype=float)
    log = np.log(u1) if how == "log_u" else np.log1p(-u1)
    radius = np.sqrt(-log) if how == "no_two" else np.sqrt(-2.0 * log)
    theta = u2 if how == "no_2pi" else 2.0 * np.pi * u2
    z1, z2 = radius * np.cos(theta), radius * np.sin(theta)
    return (z2, z1) if how == "swapped" else (z1, z2)


MISTAKES = [
    Mistake("log(u1)", wrong=lambda u1, u2: _bm(u1, u2, "log_u"),
            hint="The radius uses log(1 - u1), not log(u1): both give normals, but not the same "
            "numbers for these draws (and u1 = 0 would be log 0)."),
    Mistake("factor 2 missing", wrong=lambda u1, u2: _bm(u1, u2, "no_two"),
            hint="R = sqrt(-2 log(1 - u1)): without the 2 the samples have variance 1/2."),
    Mistake("angle not scaled", wrong=lambda u1, u2: _bm(u1, u2, "no_2pi"),
            hint="The angle must be uniform on the whole circle: theta = 2 pi u2, not u2."),
    Mistake("outputs swapped", wrong=lambda u1, u2: _bm(u1, u2, "swapped"),
            hint="Return (R cos theta, R sin theta) in that order."),
]

NONFINITE_HINT = "log(0) is -inf: use log(1 - u1), which is 0 when u1 = 0."
