from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("scalar", "scalar")


def cases(rng: np.random.Generator) -> list[Case]:
    def box(d: int) -> tuple[np.ndarray, np.ndarray]:
        lower = rng.uniform(-2.0, 0.5, size=d)
        return lower, lower + rng.uniform(0.5, 3.0, size=d)

    hidden = []
    for n, d in [(50, 1), (2000, 2), (5000, 5), (20_000, 3)]:
        lower, upper = box(d)
        hidden.append(Case(f"hidden: random box, n={n}, d={d}",
                           args=(lower, upper, rng.random((n, d))), check=CHECK))
    return [
        Case("example: [0, 2] with four draws",
             args=(np.array([0.0]), np.array([2.0]), np.array([[0.125], [0.375], [0.625], [0.875]])),
             visible=True, check=CHECK),
        Case("example: the square [-1, 1] x [0, 3]",
             args=(np.array([-1.0, 0.0]), np.array([1.0, 3.0]),
                   np.array([[0.5, 0.1], [0.2, 0.9], [0.8, 0.4]])),
             visible=True, check=CHECK),
        *hidden,
        Case("hidden: symmetric cube [-3, 3]^4", args=(np.full(4, -3.0), np.full(4, 3.0),
                                                      rng.random((3000, 4))), check=CHECK),
        Case("edge: two points", args=(np.array([1.0]), np.array([1.5]), rng.random((2, 1))),
             check=CHECK, kind="edge"),
        Case("edge: a thin box far from the origin (tiny values)",
             args=(np.array([4.0, -5.0]), np.array([4.001, -4.0]), rng.random((100, 2))),
             check=CHECK, kind="edge"),
        Case("edge: upper equal to lower in one coordinate",
             args=(np.array([0.0, 1.0]), np.array([1.0, 1.0]), rng.random((10, 2))),
             raises=ValueError, kind="edge", reason="an empty box (upper = lower)"),
        Case("edge: upper below lower",
             args=(np.array([2.0]), np.array([0.0]), rng.random((10, 1))),
             raises=ValueError, kind="edge", reason="upper < lower"),
        Case("edge: bounds of the wrong length",
             args=(np.zeros(3), np.ones(3), rng.random((10, 2))), raises=ValueError, kind="edge",
             reason="d = 2 points with 3 bounds"),
        Case("edge: u is 1-D", args=(np.zeros(1), np.ones(1), rng.random(10)),
             raises=ValueError, kind="edge", reason="a 1-D u"),
        Case("edge: a single point", args=(np.zeros(2), np.ones(2), rng.random((1, 2))),
             raises=ValueError, kind="edge", reason="a single point (n = 1)"),
    ]


def _wrong(lower: np.ndarray, upper: np.ndarray, u: np.ndarray, how: str) -> tuple[float, float]:
    a, b, u = (np.asarray(v, dtype=float) for v in (lower, upper, u))
    n = u.shape[0]
    x = u if how == "unmapped" else a + (b - a) * u
    values = np.exp(-0.5 * (x * x).sum(axis=1))
    volume = 1.0 if how == "no_volume" else float(np.prod(b - a))
    mean = values.sum() / n
    s = np.sqrt(((values - mean) ** 2).sum() / (n - (0 if how == "ddof0" else 1)))
    if how == "se_no_volume":
        return float(volume * mean), float(s / np.sqrt(n))
    return float(volume * mean), float(volume * s / np.sqrt(n))


MISTAKES = [
    Mistake(
        "points not mapped into the box",
        wrong=lambda lower, upper, u: _wrong(lower, upper, u, "unmapped"),
        hint="You evaluated f at the raw draws in [0, 1)^d. Map them first: "
        "x = lower + (upper - lower) * u.",
    ),
    Mistake(
        "volume forgotten",
        wrong=lambda lower, upper, u: _wrong(lower, upper, u, "no_volume"),
        hint="That is the average of f over the box. The integral is the box volume times the "
        "average: multiply by prod(upper - lower), in the standard error too.",
    ),
    Mistake(
        "standard error without the volume",
        wrong=lambda lower, upper, u: _wrong(lower, upper, u, "se_no_volume"),
        hint="The estimate is right; its standard error must be scaled by the same volume.",
    ),
    Mistake(
        "divided by n instead of n - 1",
        wrong=lambda lower, upper, u: _wrong(lower, upper, u, "ddof0"),
        hint="Almost: the sample standard deviation of the f values divides by n - 1.",
    ),
]
