# Correct: einsum with the head axis kept in place, and the output projection applied per head
# (concat @ Wo = sum over heads of O_j @ Wo[rows of head j]).
import numpy as np


def multi_head_attention(X, Wq, Wk, Wv, Wo, n_heads, mask=None):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or n_heads < 1:
        raise ValueError("X or heads")
    n, d = X.shape
    if d % n_heads or any(np.shape(W) != (d, d) for W in (Wq, Wk, Wv, Wo)):
        raise ValueError("shapes")
    dk = d // n_heads
    q = (X @ Wq).reshape(n, n_heads, dk)
    k = (X @ Wk).reshape(n, n_heads, dk)
    v = (X @ Wv).reshape(n, n_heads, dk)
    s = np.einsum("ihc,jhc->hij", q, k) / np.sqrt(dk)
    if mask is not None:
        m = np.asarray(mask, dtype=bool)
        if m.shape != (n, n) or (~m).all(axis=1).any():
            raise ValueError("mask")
        s = np.where(m[None], s, -np.inf)
    s = s - s.max(axis=2, keepdims=True)
    a = np.exp(s)
    a = a / a.sum(axis=2, keepdims=True)
    o = np.einsum("hij,jhc->ihc", a, v)  # (n, heads, dk)
    out = np.einsum("ihc,hce->ie", o, np.asarray(Wo, dtype=float).reshape(n_heads, dk, d))
    return out, a
