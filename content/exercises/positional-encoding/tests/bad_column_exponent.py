# Classic mistake: the exponent uses the column index j / d for every column, so the sine and
# cosine of a pair get different frequencies.
import numpy as np


def positional_encoding(n_positions, d_model, base=10000.0):
    if n_positions < 1 or d_model < 2 or d_model % 2 or base <= 1:
        raise ValueError("bad arguments")
    j = np.arange(d_model)
    ang = np.arange(n_positions)[:, None] / base ** (j / d_model)
    return np.where(j % 2 == 0, np.sin(ang), np.cos(ang))
