# Treats the counts as probabilities: no division by the total.
import numpy as np


def mutual_information(joint):
    P = np.asarray(joint, dtype=float)
    if P.ndim != 2 or P.size == 0 or np.any(P < 0) or P.sum() == 0:
        raise ValueError("bad table")
    E = np.outer(P.sum(1), P.sum(0))
    nz = P > 0
    return float(np.sum(P[nz] * np.log2(P[nz] / E[nz])))
