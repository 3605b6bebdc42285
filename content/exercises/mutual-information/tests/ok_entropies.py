# H(X) + H(Y) - H(X, Y), with an entropy helper written as a Python loop over cells.
import math

import numpy as np


def _entropy(probabilities):
    return -sum(p * math.log2(p) for p in probabilities if p > 0)


def mutual_information(joint):
    if np.ndim(joint) != 2 or np.size(joint) == 0:
        raise ValueError("need a non-empty 2-D table")
    rows = [[float(v) for v in row] for row in joint]
    if any(v < 0 for row in rows for v in row):
        raise ValueError("negative entry")
    total = sum(v for row in rows for v in row)
    if total == 0:
        raise ValueError("sums to 0")
    P = [[v / total for v in row] for row in rows]
    px = [sum(row) for row in P]
    py = [sum(col) for col in zip(*P, strict=True)]
    return _entropy(px) + _entropy(py) - _entropy([v for row in P for v in row])
