import numpy as np


def best_split(X: np.ndarray, y: np.ndarray, criterion: str = "entropy") -> tuple[int, float, float]:
    """Return (feature, threshold, gain) of the best split "x[feature] <= threshold".

    Thresholds are midpoints between consecutive distinct values; criterion is "entropy"
    (bits) or "gini". Ties: smaller feature, then smaller threshold. Raise ValueError for an
    unknown criterion, mismatched lengths, or no possible split.
    """
    raise NotImplementedError
