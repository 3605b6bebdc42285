from __future__ import annotations

import numpy as np


def _horner(coeffs: np.ndarray, x: float) -> float:
    value = 0.0
    for c in coeffs:
        value = value * x + c
    return value


def newton_root(coeffs: np.ndarray, x0: float, tol: float = 1e-12, max_iter: int = 50) -> float:
    coeffs = np.asarray(coeffs, dtype=float)
    if coeffs.ndim != 1 or coeffs.size < 2:
        raise ValueError("need a 1-D array of at least 2 coefficients")
    degree = coeffs.size - 1
    derivative = coeffs[:-1] * np.arange(degree, 0, -1)
    x = float(x0)
    for _ in range(max_iter):
        slope = _horner(derivative, x)
        if slope == 0.0:
            raise ValueError(f"p'(x) = 0 at x = {x}: the tangent has no zero")
        step = _horner(coeffs, x) / slope
        x -= step
        if abs(step) <= tol * max(1.0, abs(x)):
            return x
    raise ValueError(f"no convergence within {max_iter} steps")
