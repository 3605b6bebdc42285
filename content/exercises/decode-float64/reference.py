from __future__ import annotations

import numpy as np

_FRACTION_BITS = 52
_EXPONENT_MASK = 0x7FF
_FRACTION_MASK = (1 << _FRACTION_BITS) - 1
_BIAS = 1023


def decode_float64(x: float) -> tuple[int, int, float]:
    bits = int(np.float64(x).view(np.uint64))  # a Python int: unbounded, no unsigned surprises
    sign = bits >> 63
    biased = (bits >> _FRACTION_BITS) & _EXPONENT_MASK
    fraction = bits & _FRACTION_MASK
    if biased == _EXPONENT_MASK:
        raise ValueError(f"{x!r} is not a finite number")
    # fraction < 2**52 converts to float exactly, and dividing by a power of two is exact.
    if biased == 0:
        return sign, 1 - _BIAS, fraction / 2.0**_FRACTION_BITS
    return sign, biased - _BIAS, 1.0 + fraction / 2.0**_FRACTION_BITS
