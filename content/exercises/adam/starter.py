import numpy as np


def adam_step(
    params: np.ndarray,
    grads: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float = 0.001,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One bias-corrected Adam step; t counts from 1.

    Return (new_params, new_m, new_v), with new_m and new_v the raw (uncorrected) averages.
    """
    raise NotImplementedError
