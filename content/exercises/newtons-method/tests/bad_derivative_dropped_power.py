# The derivative's coefficients are taken as coeffs[:-1] without multiplying by the powers:
# the iteration still converges sometimes, but to the wrong place or not at all.
import numpy as np


def newton_root(coeffs, x0, tol=1e-12, max_iter=50):
    c = np.asarray(coeffs, dtype=float)
    if c.ndim != 1 or len(c) < 2:
        raise ValueError("need at least degree 1")
    x = float(x0)
    for _ in range(max_iter):
        d = np.polyval(c[:-1], x)
        if d == 0:
            raise ValueError("zero derivative")
        s = np.polyval(c, x) / d
        x -= s
        if abs(s) <= tol * max(1.0, abs(x)):
            return x
    raise ValueError("did not converge")
