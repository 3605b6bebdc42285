# Classic mistake: all sines, then all cosines (concatenated halves instead of interleaved).
import numpy as np


def positional_encoding(n_positions, d_model, base=10000.0):
    if n_positions < 1 or d_model < 2 or d_model % 2 or base <= 1:
        raise ValueError("bad arguments")
    ang = np.arange(n_positions)[:, None] / base ** (np.arange(0, d_model, 2) / d_model)
    return np.concatenate([np.sin(ang), np.cos(ang)], axis=1)
