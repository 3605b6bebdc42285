# Correct: flatten the leading axes into rows and normalise one row at a time.
import math

import numpy as np


def layernorm(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=float)
    if x.ndim == 0:
        raise ValueError("0-d")
    d = x.shape[-1]
    if len(np.shape(gamma)) != 1 or len(gamma) != d or len(np.shape(beta)) != 1 or len(beta) != d:
        raise ValueError("shape")
    rows = x.reshape(-1, d)
    out = np.empty_like(rows)
    for r, row in enumerate(rows):
        mu = math.fsum(row) / d
        var = math.fsum((v - mu) ** 2 for v in row) / d
        out[r] = [gamma[k] * (row[k] - mu) / math.sqrt(var + eps) + beta[k] for k in range(d)]
    return out.reshape(x.shape)
