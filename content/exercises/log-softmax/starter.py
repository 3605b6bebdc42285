import numpy as np


def log_softmax(x: np.ndarray) -> np.ndarray:
    """log(softmax(x)) along the last axis, computed stably (no overflow, no log(0))."""
    raise NotImplementedError
