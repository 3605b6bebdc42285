from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _graph(rng: np.random.Generator, n: int, p: float, dangling: int = 0) -> np.ndarray:
    adj = (rng.random((n, n)) < p).astype(float)
    if dangling:
        adj[rng.choice(n, size=dangling, replace=False)] = 0.0
    return adj


def cases(rng: np.random.Generator) -> list[Case]:
    four = np.array([[0, 1, 1], [0, 0, 1], [1, 0, 0]], dtype=float)
    star_in = np.zeros((5, 5))
    star_in[1:, 0] = 1.0  # everyone links to page 0, which links nowhere
    return [
        Case("example: 3-cycle", args=(np.array([[0, 1, 0], [0, 0, 1], [1, 0, 0]], float),),
             visible=True),
        Case("example: 0->1, 0->2, 1->2, 2->0", args=(four, 0.85), visible=True),
        *[Case(f"hidden: random graph n={n}, link prob {p}", args=(_graph(rng, n, p), 0.85))
          for n, p in [(6, 0.4), (30, 0.1), (200, 0.02)]],
        Case("hidden: random graph with 5 dangling pages, n=40",
             args=(_graph(rng, 40, 0.1, dangling=5), 0.85)),
        Case("hidden: weighted links, damping 0.5",
             args=(_graph(rng, 12, 0.5) * rng.integers(1, 5, size=(12, 12)), 0.5)),
        Case("edge: all pages link to a dangling page", args=(star_in, 0.85), kind="edge"),
        Case("edge: no links at all", args=(np.zeros((4, 4)), 0.85), kind="edge"),
        Case("edge: damping 0 gives the uniform vector", args=(four, 0.0), kind="edge"),
        Case("edge: self-loops", args=(np.eye(3) + four, 0.9), kind="edge"),
        Case("edge: a single page", args=(np.array([[0.0]]), 0.85), kind="edge"),
        Case("edge: damping 1", args=(four, 1.0), raises=ValueError, kind="edge"),
        Case("edge: negative weight", args=(-four, 0.85), raises=ValueError, kind="edge"),
        Case("edge: not square", args=(np.ones((2, 3)), 0.85), raises=ValueError, kind="edge"),
    ]


def _iterate(P: np.ndarray, damping: float) -> np.ndarray:
    n = P.shape[0]
    r = np.full(n, 1.0 / n)
    for _ in range(2000):
        r = (1 - damping) / n + damping * (r @ P)
    return r


def _transposed(adj: np.ndarray, damping: float = 0.85) -> np.ndarray:
    return _iterate(_rows_normalised(np.asarray(adj, dtype=float).T), damping)


def _rows_normalised(W: np.ndarray) -> np.ndarray:
    n = W.shape[0]
    out = W.sum(axis=1)
    dangling = out == 0
    return np.where(dangling[:, None], 1.0 / n, W / np.where(dangling, 1.0, out)[:, None])


def _dangling_dropped(adj: np.ndarray, damping: float = 0.85) -> np.ndarray:
    W = np.asarray(adj, dtype=float)
    out = W.sum(axis=1)
    P = W / np.where(out == 0, 1.0, out)[:, None]  # dangling rows stay zero: rank leaks away
    return _iterate(P, damping)


def _no_damping_jump(adj: np.ndarray, damping: float = 0.85) -> np.ndarray:
    return _iterate(_rows_normalised(np.asarray(adj, dtype=float)), 1.0 - 1e-9)


MISTAKES = [
    Mistake(
        "links read in the wrong direction",
        wrong=_transposed,
        hint="You followed links backwards. adj[i, j] is a link from i to j, so rank flows from "
        "row i to column j: normalise each row by its sum, then r_new = r @ P.",
    ),
    Mistake(
        "dangling pages leak rank",
        wrong=_dangling_dropped,
        hint="Your scores sum to less than 1: pages without links must hand their rank to every "
        "page (1/n each), not lose it.",
    ),
    Mistake(
        "no random jump",
        wrong=_no_damping_jump,
        hint="Every page gets at least (1 - d)/n from the random jump; you seem to follow links "
        "only.",
    ),
]

NONFINITE_HINT = (
    "division by zero: a dangling page has out-weight 0. Give its row 1/n everywhere instead of "
    "dividing by its sum."
)
