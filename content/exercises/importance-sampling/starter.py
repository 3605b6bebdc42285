import numpy as np


def importance_tail(z: np.ndarray, c: float) -> tuple[float, float]:
    """Estimate P(Z > c), Z ~ N(0, 1), from proposal draws x = c + z.

    The proposal is N(c, 1). Return (estimate, standard error).
    Raise ValueError if z is not 1-D or has fewer than 2 draws.
    """
    raise NotImplementedError
