from __future__ import annotations

import numpy as np


def positional_encoding(n_positions: int, d_model: int, base: float = 10000.0) -> np.ndarray:
    if n_positions < 1:
        raise ValueError(f"n_positions must be at least 1, got {n_positions}")
    if d_model < 2 or d_model % 2:
        raise ValueError(f"d_model must be even and at least 2, got {d_model}")
    if base <= 1:
        raise ValueError(f"base must be greater than 1, got {base}")
    positions = np.arange(n_positions, dtype=float)[:, None]
    frequencies = base ** (-np.arange(0, d_model, 2, dtype=float) / d_model)
    angles = positions * frequencies  # (n, d/2)
    pe = np.empty((n_positions, d_model))
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles)
    return pe
