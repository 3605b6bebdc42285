from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _scored(rng: np.random.Generator, n: int, rate: float, separation: float, decimals: int | None):
    y = (rng.random(n) < rate).astype(int)
    y[:2] = (0, 1)  # both classes always present
    s = rng.normal(size=n) + separation * y
    if decimals is not None:
        s = np.round(s, decimals)  # rounded scores: many ties
    return y, s


def cases(rng: np.random.Generator) -> list[Case]:
    hidden = [
        Case(f"hidden: n={n}, {'rounded to ' + str(dec) + ' decimals' if dec is not None else 'no ties'}",
             args=_scored(rng, n, rate, sep, dec), check="scalar")
        for n, rate, sep, dec in [(10, 0.5, 1.0, None), (500, 0.3, 1.0, None), (200, 0.5, 0.8, 1),
                                  (3000, 0.1, 1.5, 1), (400, 0.4, 0.5, 0)]
    ]
    y = (rng.random(60) < 0.5).astype(int)
    y[:2] = (0, 1)
    rating = rng.integers(1, 6, size=60) + y  # a 1-6 rating: heavy ties
    return [
        Case("example: 4 examples, no ties",
             args=(np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8])), visible=True,
             check="scalar"),
        Case("example: one tied pair",
             args=(np.array([0, 1, 0, 1]), np.array([0.5, 0.5, 0.2, 0.9])), visible=True,
             check="scalar"),
        *hidden,
        Case("hidden: integer ratings 1 to 6", args=(y, rating.astype(float)), check="scalar"),
        Case("edge: a constant score", args=(y, np.full(60, 0.3)), check="scalar", kind="edge"),
        Case("edge: perfectly reversed ranking", args=(y, -y + 0.01 * rng.random(60)),
             check="scalar", kind="edge"),
        Case("edge: integer labels given as floats",
             args=(y.astype(float), rng.normal(size=60) + y), check="scalar", kind="edge"),
        Case("edge: only positives", args=(np.ones(5, dtype=int), rng.random(5)),
             raises=ValueError, kind="edge", reason="a missing class (no negatives)"),
        Case("edge: only negatives", args=(np.zeros(5, dtype=int), rng.random(5)),
             raises=ValueError, kind="edge", reason="a missing class (no positives)"),
        Case("edge: lengths differ", args=(y, rating[:-1].astype(float)), raises=ValueError,
             kind="edge", reason="arrays of different lengths"),
        Case("edge: a label -1", args=(np.where(y == 0, -1, y), rating.astype(float)),
             raises=ValueError, kind="edge", reason="a label other than 0 or 1"),
    ]


def _pairs(y, s, tie_weight: float) -> float:
    y, s = np.asarray(y), np.asarray(s, dtype=float)
    pos, neg = s[y == 1], s[y == 0]
    table = pos[:, None] - neg[None, :]
    return float(((table > 0).sum() + tie_weight * (table == 0).sum()) / table.size)


MISTAKES = [
    Mistake(
        "ties count 0",
        wrong=lambda y, s: _pairs(y, s, 0.0),
        hint="Ties are missing: a (positive, negative) pair with equal scores counts 1/2, not 0.",
    ),
    Mistake(
        "ties count 1",
        wrong=lambda y, s: _pairs(y, s, 1.0),
        hint="Ties count as wins here: a (positive, negative) pair with equal scores counts "
        "1/2, not 1 (a constant score must give 0.5).",
    ),
    Mistake(
        "1 - AUC",
        wrong=lambda y, s: 1.0 - _pairs(y, s, 0.5),
        hint="You computed 1 - AUC: a higher score should mean 'more likely positive', so count "
        "the pairs where the POSITIVE example has the higher score.",
    ),
]
