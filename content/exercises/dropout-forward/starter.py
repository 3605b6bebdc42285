import numpy as np


def dropout(
    x: np.ndarray, p: float, u: np.ndarray, training: bool = True
) -> np.ndarray:
    """Inverted dropout with drop probability p.

    u holds one uniform [0, 1) number per entry of x: an entry is dropped
    where u < p. Training: zero the dropped entries and divide the kept ones
    by 1 - p. Inference: return x.
    Raise ValueError for p outside [0, 1) or u of another shape than x.
    """
    raise NotImplementedError
