# Returns the last iterate when max_iter runs out, as if it were a root: the cycling and
# rootless cases return a number instead of raising.
import numpy as np


def newton_root(coeffs, x0, tol=1e-12, max_iter=50):
    c = np.asarray(coeffs, dtype=float)
    if c.ndim != 1 or len(c) < 2:
        raise ValueError("need at least degree 1")
    x = float(x0)
    for _ in range(max_iter):
        d = np.polyval(np.polyder(c), x)
        if d == 0:
            raise ValueError("zero derivative")
        s = np.polyval(c, x) / d
        x -= s
        if abs(s) <= tol * max(1.0, abs(x)):
            break
    return x
