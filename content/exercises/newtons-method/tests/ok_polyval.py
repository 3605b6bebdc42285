# np.polyval and np.polyder, a while loop with a step counter.
import numpy as np


def newton_root(coeffs, x0, tol=1e-12, max_iter=50):
    c = np.asarray(coeffs, dtype=float)
    if c.ndim != 1 or len(c) < 2:
        raise ValueError("need at least degree 1")
    dc = np.polyder(c)
    x, k = float(x0), 0
    while k < max_iter:
        d = np.polyval(dc, x)
        if d == 0:
            raise ValueError("zero derivative")
        s = np.polyval(c, x) / d
        x = x - s
        k += 1
        if abs(s) <= tol * max(1.0, abs(x)):
            return float(x)
    raise ValueError("did not converge")
