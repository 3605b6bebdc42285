# Entry by entry with math.log, keeping the input's shape.
import math

import numpy as np


def sample_exponential(u, rate):
    if not rate > 0:
        raise ValueError("rate must be positive")
    u = np.asarray(u, dtype=float)
    out = np.empty_like(u)
    for index, value in np.ndenumerate(u):
        if not 0 <= value < 1:
            raise ValueError("draws must be in [0, 1)")
        out[index] = -math.log(1.0 - value) / rate
    return out
