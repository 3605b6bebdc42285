from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("scalar", "scalar")


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: c = 2, four draws", args=(np.array([0.5, -1.0, 1.5, 0.2]), 2.0),
             visible=True, check=CHECK),
        Case("example: c = 1, three draws", args=(np.array([-0.3, 0.8, 0.1]), 1.0),
             visible=True, check=CHECK),
        *[Case(f"hidden: c = {c}, n={n}", args=(rng.standard_normal(n), c), check=CHECK)
          for n, c in [(10, 1.5), (1000, 3.0), (20_000, 5.0), (5000, 6.0)]],
        Case("hidden: negative threshold c = -1", args=(rng.standard_normal(500), -1.0),
             check=CHECK),
        Case("edge: c = 0 (no shift: plain Monte Carlo)", args=(rng.standard_normal(200), 0.0),
             check=CHECK, kind="edge"),
        Case("edge: two draws", args=(np.abs(rng.standard_normal(2)), 2.5), check=CHECK,
             kind="edge"),
        Case("edge: no draw in the tail", args=(-np.abs(rng.standard_normal(5)), 3.0),
             check=CHECK, kind="edge"),
        Case("edge: one draw", args=(np.array([0.4]), 2.0), raises=ValueError, kind="edge",
             reason="a single draw"),
        Case("edge: 2-D draws", args=(rng.standard_normal((3, 3)), 2.0), raises=ValueError,
             kind="edge", reason="a 2-D array of draws"),
    ]


def _wrong(z: np.ndarray, c: float, how: str) -> tuple[float, float]:
    z = np.asarray(z, dtype=float)
    n = z.size
    x = c + z
    if how == "no_weights":
        w = np.ones(n)
    elif how == "inverted":
        w = np.exp(c * x - 0.5 * c * c)
    else:
        w = np.exp(0.5 * c * c - c * x)
    tail = (z > c) if how == "unshifted" else (x > c)
    h = np.where(tail, w, 0.0)
    mean = h.sum() / n
    s = np.sqrt(((h - mean) ** 2).sum() / (n - (0 if how == "ddof0" else 1)))
    return float(mean), float(s / np.sqrt(n))


MISTAKES = [
    Mistake("weights missing", wrong=lambda z, c: _wrong(z, c, "no_weights"),
            hint="That is the tail probability under the proposal N(c, 1), about 1/2. Multiply "
            "each tail indicator by w(x) = p(x) / q(x) = exp(c^2/2 - c x)."),
    Mistake("weights inverted", wrong=lambda z, c: _wrong(z, c, "inverted"),
            hint="The weight is p(x) / q(x), target over proposal: exp(c^2/2 - c x), which is "
            "small in the tail. You used q / p."),
    Mistake("tail tested on z instead of x", wrong=lambda z, c: _wrong(z, c, "unshifted"),
            hint="The event is x > c for the proposal draw x = c + z (that is, z > 0), not z > c."),
    Mistake("divided by n instead of n - 1", wrong=lambda z, c: _wrong(z, c, "ddof0"),
            hint="The estimate is right; the standard deviation of the h_i divides by n - 1."),
]
