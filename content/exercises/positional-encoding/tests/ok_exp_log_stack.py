# Correct: frequencies through exp/log, interleaving by stacking and reshaping.
import numpy as np


def positional_encoding(n_positions, d_model, base=10000.0):
    if n_positions < 1 or d_model < 2 or d_model % 2 or base <= 1:
        raise ValueError("bad arguments")
    freq = np.exp(-np.log(base) * np.arange(0, d_model, 2) / d_model)
    ang = np.outer(np.arange(n_positions), freq)
    return np.stack([np.sin(ang), np.cos(ang)], axis=-1).reshape(n_positions, d_model)
