import numpy as np


def newton_root(
    coeffs: np.ndarray, x0: float, tol: float = 1e-12, max_iter: int = 50
) -> float:
    """Newton's method for a root of a polynomial (coefficients highest first).

    Return x as soon as a step |s| <= tol * max(1, |x|). Raise ValueError
    on a zero derivative, on no convergence within max_iter steps, or on
    invalid coefficients.
    """
    raise NotImplementedError
