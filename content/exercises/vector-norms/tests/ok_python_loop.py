# A Python loop with the largest |entry| factored out (no overflow near 1e200).
import math


def vector_norm(x, p):
    if isinstance(p, str):
        if p != "inf":
            raise ValueError("p must be a number >= 1 or 'inf'")
    elif p < 1:
        raise ValueError("p must be >= 1")
    values = [abs(float(v)) for v in x]
    if not values:
        return 0.0
    big = max(values)
    if p == "inf" or big == 0.0:
        return big
    return big * math.fsum((v / big) ** p for v in values) ** (1.0 / p)
