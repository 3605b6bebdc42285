# The right sum with the natural logarithm: the answer in nats, not bits.
import numpy as np


def mutual_information(joint):
    J = np.asarray(joint, dtype=float)
    if J.ndim != 2 or J.size == 0 or np.any(J < 0) or J.sum() == 0:
        raise ValueError("bad table")
    P = J / J.sum()
    E = np.outer(P.sum(1), P.sum(0))
    nz = P > 0
    return float(np.sum(P[nz] * np.log(P[nz] / E[nz])))
