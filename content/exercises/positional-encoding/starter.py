import numpy as np


def positional_encoding(
    n_positions: int, d_model: int, base: float = 10000.0
) -> np.ndarray:
    """The (n_positions, d_model) table with, for pair i of columns,
    PE[pos, 2i] = sin(pos / base**(2i/d_model)) and
    PE[pos, 2i+1] = cos(pos / base**(2i/d_model)).
    """
    raise NotImplementedError
