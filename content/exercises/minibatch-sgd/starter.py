import numpy as np


def minibatch_sgd(
    X: np.ndarray,
    y: np.ndarray,
    w0: np.ndarray,
    lr: float,
    batch_size: int,
    order: np.ndarray,
) -> np.ndarray:
    """Mini-batch SGD on the mean squared error of a linear model.

    order[e] is the example order of epoch e. Return the final weights
    (d,). Raise ValueError for bad shapes, batch_size < 1, lr <= 0, or
    rows of order that are not permutations of range(n).
    """
    raise NotImplementedError
