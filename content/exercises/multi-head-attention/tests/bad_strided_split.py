# Classic mistake: reshape(n, d_k, n_heads) gives each head every n_heads-th column.
import numpy as np


def multi_head_attention(X, Wq, Wk, Wv, Wo, n_heads, mask=None):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or n_heads < 1:
        raise ValueError("X or heads")
    n, d = X.shape
    if d % n_heads or any(np.shape(W) != (d, d) for W in (Wq, Wk, Wv, Wo)):
        raise ValueError("shapes")
    dk = d // n_heads

    def sp(M):
        return M.reshape(n, dk, n_heads).transpose(2, 0, 1)

    Q, K, V = sp(X @ Wq), sp(X @ Wk), sp(X @ Wv)
    s = Q @ K.transpose(0, 2, 1) / np.sqrt(dk)
    if mask is not None:
        m = np.asarray(mask, dtype=bool)
        if m.shape != (n, n) or not m.any(axis=1).all():
            raise ValueError("mask")
        s = np.where(m, s, -np.inf)
    a = np.exp(s - s.max(axis=-1, keepdims=True))
    a /= a.sum(axis=-1, keepdims=True)
    return (a @ V).transpose(1, 2, 0).reshape(n, d) @ Wo, a
