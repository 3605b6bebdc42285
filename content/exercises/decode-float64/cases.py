from __future__ import annotations

import math

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("exact", "exact", "exact")


def cases(rng: np.random.Generator) -> list[Case]:
    magnitudes = 10.0 ** rng.uniform(-300, 300, size=6)
    signs = rng.choice([-1.0, 1.0], size=6)
    return [
        Case("example: 1.0", args=(1.0,), visible=True, check=CHECK),
        Case("example: -6.0", args=(-6.0,), visible=True, check=CHECK),
        Case("example: 0.1", args=(0.1,), visible=True, check=CHECK),
        *[Case(f"hidden: random double #{i + 1}", args=(float(s * m),), check=CHECK)
          for i, (s, m) in enumerate(zip(signs, magnitudes, strict=True))],
        Case("hidden: 1/3", args=(1 / 3,), check=CHECK),
        Case("hidden: a power of two, 2^-20", args=(2.0**-20,), check=CHECK),
        Case("hidden: 1 + machine epsilon", args=(1.0 + 2.0**-52,), check=CHECK),
        Case("edge: 0.0", args=(0.0,), check=CHECK, kind="edge"),
        Case("edge: -0.0 has sign 1", args=(-0.0,), check=CHECK, kind="edge"),
        Case("edge: smallest subnormal 5e-324", args=(5e-324,), check=CHECK, kind="edge"),
        Case("edge: a subnormal, -1e-310", args=(-1e-310,), check=CHECK, kind="edge"),
        Case("edge: smallest normal 2^-1022", args=(2.0**-1022,), check=CHECK, kind="edge"),
        Case("edge: largest double", args=(1.7976931348623157e308,), check=CHECK, kind="edge"),
        Case("edge: infinity", args=(math.inf,), raises=ValueError, kind="edge"),
        Case("edge: nan", args=(math.nan,), raises=ValueError, kind="edge"),
    ]


def _fields(x: float) -> tuple[int, int, int]:
    bits = int(np.float64(x).view(np.uint64))
    return bits >> 63, (bits >> 52) & 0x7FF, bits & ((1 << 52) - 1)


def _biased(x: float) -> tuple[int, int, float]:
    s, e, f = _fields(x)
    return s, e, (1.0 if e else 0.0) + f / 2.0**52


def _subnormal_as_normal(x: float) -> tuple[int, int, float]:
    s, e, f = _fields(x)
    return s, e - 1023, 1.0 + f / 2.0**52


def _plus_minus_one(x: float) -> tuple[int, int, float]:
    s, e, f = _fields(x)
    if e == 0:
        return 1 - 2 * s, -1022, f / 2.0**52
    return 1 - 2 * s, e - 1023, 1.0 + f / 2.0**52


def _unsigned_wrap(x: float) -> tuple[int, int, float]:
    s, e, f = _fields(x)
    return s, (e - 1023) % 2**64, 1.0 + f / 2.0**52


MISTAKES = [
    Mistake(
        "unsigned wrap-around",
        wrong=_unsigned_wrap,
        hint="Your exponent wrapped around to a huge number: NumPy's uint64 cannot go negative, "
        "so e - 1023 wraps modulo 2^64. Convert the bits to a Python int first: "
        "int(np.float64(x).view(np.uint64)).",
    ),
    Mistake(
        "biased exponent",
        wrong=_biased,
        hint="That is the stored (biased) exponent field: subtract the bias 1023.",
    ),
    Mistake(
        "subnormal decoded like a normal number",
        wrong=_subnormal_as_normal,
        hint="When the exponent field is 0 the number is subnormal (or zero): no implicit "
        "leading 1, and the exponent is -1022, not -1023.",
    ),
    Mistake(
        "sign as +1/-1",
        wrong=_plus_minus_one,
        hint="Return the sign *bit*: 0 for positive, 1 for negative.",
    ),
]
