# Powers of x summed explicitly (no Horner), derivative from the power rule.
def newton_root(coeffs, x0, tol=1e-12, max_iter=50):
    try:
        c = [float(v) for v in coeffs]
    except TypeError:
        raise ValueError("coeffs must be 1-D") from None
    if len(c) < 2:
        raise ValueError("need at least degree 1")
    d = len(c) - 1

    def p(x):
        return sum(ck * x ** (d - k) for k, ck in enumerate(c))

    def dp(x):
        return sum(ck * (d - k) * x ** (d - k - 1) for k, ck in enumerate(c[:-1]))

    x = float(x0)
    for _ in range(max_iter):
        slope = dp(x)
        if slope == 0:
            raise ValueError("zero derivative")
        s = p(x) / slope
        x -= s
        if abs(s) <= tol * max(1.0, abs(x)):
            return x
    raise ValueError("did not converge")
