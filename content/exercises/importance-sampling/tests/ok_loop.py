# A loop with math.exp; only draws in the tail add to the sums.
import math


def importance_tail(z, c):
    if getattr(z, "ndim", 1) != 1 or len(z) < 2:
        raise ValueError("need a 1-D array of at least 2 draws")
    n = len(z)
    h = []
    for zi in z:
        x = c + float(zi)
        h.append(math.exp(c * c / 2 - c * x) if x > c else 0.0)
    mean = math.fsum(h) / n
    var = math.fsum((v - mean) ** 2 for v in h) / (n - 1)
    return mean, math.sqrt(var / n)
