import numpy as np


def conv2d(
    x: np.ndarray, w: np.ndarray, stride: int = 1, padding: str = "valid"
) -> np.ndarray:
    """Cross-correlate x (C, H, W) with F filters w (F, C, kh, kw).

    padding is "valid" (none) or "same" (kh // 2 rows and kw // 2 columns
    of zeros on each side; odd kernels only).
    Return an array of shape (F, H_out, W_out).
    """
    raise NotImplementedError
