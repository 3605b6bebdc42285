import numpy as np


def decode_float64(x: float) -> tuple[int, int, float]:
    """Split a finite double into (sign bit, unbiased exponent, significand).

    Normal: significand in [1, 2); subnormal or zero: exponent -1022, significand in [0, 1).
    Raise ValueError for inf and nan.
    """
    bits = int(np.float64(x).view(np.uint64))  # the same 64 bits, read as a Python int
    raise NotImplementedError(f"split {bits:064b} into sign, exponent and fraction")
