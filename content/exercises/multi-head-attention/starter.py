import numpy as np


def multi_head_attention(
    X: np.ndarray,
    Wq: np.ndarray,
    Wk: np.ndarray,
    Wv: np.ndarray,
    Wo: np.ndarray,
    n_heads: int,
    mask: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Multi-head self-attention of X (n, d_model).

    Wq, Wk, Wv, Wo are (d_model, d_model) projections.

    mask: None or a boolean (n, n) array, True = may attend, shared by all
    heads.
    Return (output (n, d_model), weights (n_heads, n, n)).
    """
    raise NotImplementedError
