# Correct: row by row with the math module.
import math

import numpy as np


def positional_encoding(n_positions, d_model, base=10000.0):
    if n_positions < 1:
        raise ValueError("n_positions")
    if d_model < 2 or d_model % 2 != 0:
        raise ValueError("d_model")
    if base <= 1:
        raise ValueError("base")
    pe = np.zeros((n_positions, d_model))
    for pos in range(n_positions):
        for i in range(d_model // 2):
            angle = pos / base ** (2 * i / d_model)
            pe[pos, 2 * i] = math.sin(angle)
            pe[pos, 2 * i + 1] = math.cos(angle)
    return pe
