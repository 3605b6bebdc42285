import numpy as np


def box_muller(u1: np.ndarray, u2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Turn two arrays of uniform draws in [0, 1) into two of standard normals.

    R = sqrt(-2 log(1 - u1)), theta = 2 pi u2;
    return (R cos theta, R sin theta).
    Raise ValueError if the shapes differ or a draw is outside [0, 1).
    """
    raise NotImplementedError
