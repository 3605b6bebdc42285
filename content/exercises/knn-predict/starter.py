import numpy as np


def knn_predict(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, k: int) -> np.ndarray:
    """Predict a label for every row of X_test by a majority vote of its k nearest rows of
    X_train (Euclidean). Equal distances: smaller training index first. Equal votes: smaller
    label. Raise ValueError for a bad k or mismatched shapes.
    """
    raise NotImplementedError
