# The one-pass formula mean(x^2) - mean(x)^2: right on small data, cancels catastrophically
# for values near 1e9 (the edge case every seed has).
import math


def mean_var_std(x, ddof=0):
    n = len(x)
    if ddof < 0 or n <= ddof:
        raise ValueError(f"need more than ddof={ddof} values, got {n}")
    total = sum(float(v) for v in x)
    squares = sum(float(v) * float(v) for v in x)
    mean = total / n
    var = max((squares - n * mean * mean) / (n - ddof), 0.0)
    return mean, var, math.sqrt(var)
