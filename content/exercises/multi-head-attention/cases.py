from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("allclose", "allclose")


def _weights(rng: np.random.Generator, n: int, d: int, scale: float = 1.0) -> tuple:
    W = [rng.normal(size=(d, d)) / np.sqrt(d) for _ in range(4)]
    return (rng.normal(size=(n, d)) * scale, *W)


def cases(rng: np.random.Generator) -> list[Case]:
    X = np.array([[1.0, 0.0, 1.0, 0.0], [0.0, 1.0, 0.0, 1.0], [1.0, 1.0, 0.0, 0.0]])
    I4 = np.eye(4)
    causal = np.tril(np.ones((3, 3), dtype=bool))
    causal8 = np.tril(np.ones((8, 8), dtype=bool))
    pad = np.ones((6, 6), dtype=bool)
    pad[:, 4:] = False  # the last two tokens are padding: nobody attends to them
    return [
        Case("example: identity projections, 2 heads", args=(X, I4, I4, I4, I4, 2), visible=True,
             check=CHECK),
        Case("example: the same with a causal mask", args=(X, I4, I4, I4, I4, 2),
             kwargs={"mask": causal}, visible=True, check=CHECK),
        *[Case(f"hidden: n={n}, d_model={d}, {h} heads", args=(*_weights(rng, n, d), h),
               check=CHECK)
          for n, d, h in [(5, 8, 2), (10, 12, 3), (16, 32, 4), (7, 6, 6), (4, 8, 1)]],
        Case("hidden: causal mask, n=8, d_model=16, 4 heads", args=(*_weights(rng, 8, 16), 4),
             kwargs={"mask": causal8}, check=CHECK),
        Case("hidden: padding mask, n=6, d_model=8, 2 heads", args=(*_weights(rng, 6, 8), 2),
             kwargs={"mask": pad}, check=CHECK),
        Case("edge: large scores (stable softmax)", args=(*_weights(rng, 5, 8, scale=25.0), 2),
             check=CHECK, kind="edge"),
        Case("edge: a single token", args=(*_weights(rng, 1, 4), 2), check=CHECK, kind="edge"),
        Case("edge: mask = None given explicitly", args=(*_weights(rng, 3, 6), 3),
             kwargs={"mask": None}, check=CHECK, kind="edge"),
        Case("edge: 3 heads for d_model = 8", args=(*_weights(rng, 4, 8), 3), raises=ValueError,
             kind="edge", reason="3 heads, which do not divide d_model = 8"),
        Case("edge: 0 heads", args=(*_weights(rng, 4, 8), 0), raises=ValueError, kind="edge",
             reason="n_heads = 0"),
        Case("edge: Wo of the wrong shape",
             args=(np.ones((3, 4)), I4, I4, I4, np.ones((4, 2)), 2), raises=ValueError,
             kind="edge", reason="Wo of shape (4, 2) for d_model = 4"),
        Case("edge: X is 1-D", args=(np.ones(4), I4, I4, I4, I4, 2), raises=ValueError,
             kind="edge", reason="a 1-D X (it must be (n, d_model))"),
        Case("edge: mask of the wrong shape", args=(X, I4, I4, I4, I4, 2),
             kwargs={"mask": np.ones((3, 4), dtype=bool)}, raises=ValueError, kind="edge",
             reason="a (3, 4) mask for 3 tokens"),
        Case("edge: a token that may attend to nothing", args=(X, I4, I4, I4, I4, 2),
             kwargs={"mask": np.array([[True, False, False], [False, False, False],
                                       [True, True, True]])},
             raises=ValueError, kind="edge", reason="a mask row that is all False"),
    ]


def _mha(X, Wq, Wk, Wv, Wo, h, mask=None, *, scale="dk", split="heads", project=True):
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    dk = d // h

    def sp(M):
        if split == "heads":
            return M.reshape(n, h, dk).transpose(1, 0, 2)
        return M.reshape(n, dk, h).transpose(2, 0, 1)  # strided columns

    Q, K, V = sp(X @ Wq), sp(X @ Wk), sp(X @ Wv)
    s = Q @ K.transpose(0, 2, 1) / np.sqrt(dk if scale == "dk" else d)
    if mask is not None:
        s = np.where(np.asarray(mask, dtype=bool), s, -np.inf)
    s = s - s.max(axis=-1, keepdims=True)
    w = np.exp(s)
    w = w / w.sum(axis=-1, keepdims=True)
    o = w @ V
    cat = o.transpose(1, 0, 2).reshape(n, d) if split == "heads" else o.transpose(1, 2, 0).reshape(n, d)
    return (cat @ Wo if project else cat), w


MISTAKES = [
    Mistake(
        "scaled by sqrt(d_model)",
        wrong=lambda *a, **k: _mha(*a, **k, scale="d"),
        hint="Each head divides its scores by sqrt(d_k), its own width d_model / n_heads, not "
        "by sqrt(d_model).",
    ),
    Mistake(
        "strided head split",
        wrong=lambda *a, **k: _mha(*a, **k, split="strided"),
        hint="Head h takes the consecutive columns h*d_k : (h+1)*d_k. reshape(n, n_heads, d_k) "
        "does that; reshape(n, d_k, n_heads) deals the columns out like cards.",
    ),
    Mistake(
        "no output projection",
        wrong=lambda *a, **k: _mha(*a, **k, project=False),
        hint="After concatenating the heads, multiply by Wo: the output projection mixes what "
        "the heads found.",
    ),
]

NONFINITE_HINT = (
    "overflow in exp or 0/0: subtract each row's maximum score before exponentiating, and set "
    "masked scores to -inf."
)
