from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("allclose", "allclose")


def _qkv(rng: np.random.Generator, n: int, m: int, d: int, dv: int, scale: float = 1.0) -> tuple:
    return (rng.normal(size=(n, d)) * scale, rng.normal(size=(m, d)) * scale,
            rng.normal(size=(m, dv)))


def cases(rng: np.random.Generator) -> list[Case]:
    q1, k2, v2 = np.array([[1.0, 0.0]]), np.eye(2), np.array([[10.0], [20.0]])
    causal = np.tril(np.ones((6, 6), dtype=bool))
    padding = np.ones((4, 7), dtype=bool)
    padding[:, 5:] = False  # the last two keys are padding
    return [
        Case("example: one query, two keys", args=(q1, k2, v2), visible=True, check=CHECK),
        Case("example: the same with the first key masked", args=(q1, k2, v2),
             kwargs={"mask": np.array([[False, True]])}, visible=True, check=CHECK),
        *[Case(f"hidden: random n={n}, m={m}, d={d}, dv={dv}", args=_qkv(rng, n, m, d, dv),
               check=CHECK)
          for n, m, d, dv in [(1, 1, 1, 1), (3, 5, 4, 2), (16, 16, 64, 32), (50, 20, 8, 8)]],
        Case("hidden: causal mask, 6 positions", args=_qkv(rng, 6, 6, 16, 4),
             kwargs={"mask": causal}, check=CHECK),
        Case("hidden: padding mask", args=_qkv(rng, 4, 7, 8, 3), kwargs={"mask": padding},
             check=CHECK),
        Case("edge: scores in the thousands (stable softmax)", args=_qkv(rng, 3, 4, 16, 2, 30.0),
             check=CHECK, kind="edge"),
        Case("edge: identical keys share the weight equally",
             args=(rng.normal(size=(2, 3)), np.ones((4, 3)), rng.normal(size=(4, 2))),
             check=CHECK, kind="edge"),
        Case("edge: mask = None given explicitly", args=_qkv(rng, 2, 3, 4, 2),
             kwargs={"mask": None}, check=CHECK, kind="edge"),
        Case("edge: a query that may attend to nothing", args=_qkv(rng, 2, 3, 4, 2),
             kwargs={"mask": np.array([[True, False, True], [False, False, False]])},
             raises=ValueError, kind="edge"),
        # A 1-D mask over the keys would broadcast silently against the (n, m) scores.
        Case("edge: 1-D mask of shape (m,) instead of (n, m)", args=_qkv(rng, 2, 3, 4, 2),
             kwargs={"mask": np.array([True, False, True])}, raises=ValueError, kind="edge"),
        Case("edge: K and V lengths differ", args=(np.ones((2, 4)), np.ones((3, 4)), np.ones((5, 2))),
             raises=ValueError, kind="edge"),
    ]


def _attend(Q: np.ndarray, K: np.ndarray, V: np.ndarray, mask: np.ndarray | None, *,
            scale: float | None = None, axis: int = 1) -> tuple[np.ndarray, np.ndarray]:
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    s = Q @ K.T / (np.sqrt(Q.shape[1]) if scale is None else scale)
    if mask is not None:
        s = np.where(np.asarray(mask, dtype=bool), s, -np.inf)
    s = s - s.max(axis=axis, keepdims=True)
    w = np.exp(s)
    w = w / w.sum(axis=axis, keepdims=True)
    return w @ V, w


MISTAKES = [
    Mistake(
        "no 1/sqrt(d) scaling",
        wrong=lambda Q, K, V, mask=None: _attend(Q, K, V, mask, scale=1.0),
        hint="Your weights are too peaked: divide the scores Q K^T by sqrt(d), the square root "
        "of the key dimension.",
    ),
    Mistake(
        "scaled by d",
        wrong=lambda Q, K, V, mask=None: _attend(Q, K, V, mask, scale=float(np.shape(Q)[1])),
        hint="Divide the scores by sqrt(d), not by d.",
    ),
    Mistake(
        "softmax over queries",
        wrong=lambda Q, K, V, mask=None: _attend(Q, K, V, mask, axis=0),
        hint="Each query's weights must sum to 1 over the keys: normalise along axis 1 (each "
        "row of the score matrix), not down the columns.",
    ),
]

NONFINITE_HINT = (
    "overflow in exp or 0/0: subtract each row's maximum score before exponentiating, and set "
    "masked scores to -inf (not a large negative number times something)."
)
