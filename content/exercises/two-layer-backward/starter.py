import numpy as np


def two_layer_backward(
    X: np.ndarray, y: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Loss and gradients of a ReLU hidden layer + softmax cross-entropy network.

    Return (loss, dW1, db1, dW2, db2); each gradient has its parameter's shape.
    """
    # Forward pass:  Z1 = X @ W1 + b1,  A1 = max(0, Z1),  S = A1 @ W2 + b2,  P = softmax(S)
    # Then the loss, and the backward pass from dL/dS = (P - Y) / N down to dW1.
    raise NotImplementedError
