# Point by point with plain Python floats, summing left to right.
import math


def mc_integral(lower, upper, u):
    if getattr(u, "ndim", 0) != 2:
        raise ValueError("u must be 2-D")
    n, d = u.shape
    if len(lower) != d or len(upper) != d or getattr(lower, "ndim", 1) != 1 \
            or getattr(upper, "ndim", 1) != 1:
        raise ValueError("bounds must have length d")
    if any(float(b) <= float(a) for a, b in zip(lower, upper, strict=True)):
        raise ValueError("empty box")
    if n < 2:
        raise ValueError("need two points")
    volume = 1.0
    for a, b in zip(lower, upper, strict=True):
        volume *= float(b) - float(a)
    values = []
    for row in u:
        sq = 0.0
        for a, b, t in zip(lower, upper, row, strict=True):
            x = float(a) + (float(b) - float(a)) * float(t)
            sq += x * x
        values.append(math.exp(-sq / 2))
    mean = sum(values) / n
    var = sum((v - mean) ** 2 for v in values) / (n - 1)
    return volume * mean, volume * math.sqrt(var / n)
