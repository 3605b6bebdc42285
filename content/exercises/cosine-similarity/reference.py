from __future__ import annotations

import numpy as np


def _unit_rows(M: np.ndarray, name: str) -> np.ndarray:
    norms = np.sqrt((M * M).sum(axis=1, keepdims=True))
    if np.any(norms == 0):
        raise ValueError(f"{name} has a zero row; its cosine similarity is undefined")
    return M / norms


def cosine_similarity(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    if X.ndim != 2 or Y.ndim != 2:
        raise ValueError("X and Y must be 2-D")
    if X.shape[1] != Y.shape[1]:
        raise ValueError(f"widths differ: {X.shape[1]} and {Y.shape[1]}")
    return _unit_rows(X, "X") @ _unit_rows(Y, "Y").T
