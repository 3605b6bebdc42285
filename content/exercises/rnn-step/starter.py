import numpy as np


def rnn_step(
    x: np.ndarray,
    h_prev: np.ndarray,
    Wx: np.ndarray,
    Wh: np.ndarray,
    b: np.ndarray,
) -> np.ndarray:
    """One step of a vanilla RNN: tanh(x Wx + h_prev Wh + b).

    x (N, D), h_prev (N, H), Wx (D, H), Wh (H, H), b (H,).
    Return the new state (N, H).
    """
    raise NotImplementedError
