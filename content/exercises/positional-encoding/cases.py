from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def cases(rng: np.random.Generator) -> list[Case]:
    n1, d1 = (int(v) for v in rng.integers(5, 40, size=2))
    n2 = int(rng.integers(1000, 5000))
    return [
        Case("example: 3 positions, d_model = 4", args=(3, 4), visible=True),
        Case("example: 2 positions, d_model = 2, base 100", args=(2, 2), kwargs={"base": 100.0},
             visible=True),
        Case("hidden: 50 positions, d_model = 16", args=(50, 16)),
        Case("hidden: 128 positions, d_model = 64", args=(128, 64)),
        Case(f"hidden: {n1} positions, d_model = {2 * d1}", args=(n1, 2 * d1)),
        Case("hidden: base 500", args=(20, 10), kwargs={"base": 500.0}),
        Case(f"edge: {n2} positions (large angles)", args=(n2, 8), kind="edge"),
        Case("edge: a single position", args=(1, 6), kind="edge"),
        Case("edge: d_model = 2", args=(10, 2), kind="edge"),
        Case("edge: odd d_model", args=(4, 5), raises=ValueError, kind="edge",
             reason="an odd d_model"),
        Case("edge: d_model = 0", args=(4, 0), raises=ValueError, kind="edge",
             reason="d_model = 0"),
        Case("edge: no positions", args=(0, 4), raises=ValueError, kind="edge",
             reason="n_positions = 0"),
        Case("edge: base = 1", args=(4, 4), kwargs={"base": 1.0}, raises=ValueError, kind="edge",
             reason="base = 1 (every frequency would be the same)"),
    ]


def _pe(n, d, base=10000.0, *, layout="interleave", exponent="2i", swap=False):
    cols = np.arange(d // 2, dtype=float)
    power = 2 * cols / d if exponent == "2i" else cols / d
    ang = np.arange(n, dtype=float)[:, None] / base**power
    s, c = (np.cos(ang), np.sin(ang)) if swap else (np.sin(ang), np.cos(ang))
    if layout == "halves":
        return np.hstack([s, c])
    out = np.empty((n, d))
    out[:, 0::2], out[:, 1::2] = s, c
    return out


MISTAKES = [
    Mistake(
        "sin and cos in two halves",
        wrong=lambda n, d, base=10000.0: _pe(n, d, base, layout="halves"),
        hint="Interleave the columns: sine in the even columns (0, 2, 4, ...) and cosine in the "
        "odd ones, not all sines first and all cosines after.",
    ),
    Mistake(
        "exponent i/d instead of 2i/d",
        wrong=lambda n, d, base=10000.0: _pe(n, d, base, exponent="i"),
        hint="The pair index i runs over 0 .. d/2 - 1 and the exponent is 2i / d_model, so the "
        "last pair's frequency is close to 1 / base.",
    ),
    Mistake(
        "sin and cos swapped",
        wrong=lambda n, d, base=10000.0: _pe(n, d, base, swap=True),
        hint="Even columns hold the sine, odd columns the cosine (row 0 is then 0, 1, 0, 1, ...).",
    ),
    Mistake(
        "every column its own frequency",
        wrong=lambda n, d, base=10000.0: (lambda ang: np.where(np.arange(d) % 2 == 0, np.sin(ang),
                                                               np.cos(ang)))(
            np.arange(n, dtype=float)[:, None] / base ** (np.arange(d) / d)),
        hint="Columns 2i and 2i + 1 share one frequency, 1 / base^(2i / d): the exponent uses "
        "the pair index i, so the cosine column has the same angle as the sine beside it.",
    ),
]
