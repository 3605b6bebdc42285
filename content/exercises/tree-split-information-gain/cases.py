from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("exact", "scalar", "scalar")


def _node(rng: np.random.Generator, n: int, d: int, k: int, decimals: int):
    y = rng.integers(0, k, size=n)
    X = rng.normal(size=(n, d))
    informative = rng.integers(0, d)
    X[:, informative] += 1.5 * y  # one feature carries the class, the rest is noise
    return np.round(X, decimals), y  # rounding makes repeated values


def cases(rng: np.random.Generator) -> list[Case]:
    ex_X = np.array([[1.0], [2.0], [3.0], [4.0]])
    ex_y = np.array([0, 0, 1, 1])
    hidden = []
    for n, d, k, dec, crit in [(12, 2, 2, 1, "entropy"), (100, 4, 3, 1, "entropy"),
                               (100, 4, 3, 1, "gini"), (400, 6, 2, 2, "gini"),
                               (300, 3, 4, 0, "entropy")]:
        X, y = _node(rng, n, d, k, dec)
        hidden.append(Case(f"hidden: n={n}, d={d}, {k} classes, {crit}", args=(X, y),
                           kwargs={"criterion": crit}, check=CHECK))
    # A small child that is pure against a big balanced one: weighting decides.
    Xw = np.column_stack([np.r_[np.zeros(2), np.ones(38)], np.r_[np.zeros(20), np.ones(20)]])
    yw = np.r_[np.zeros(2, dtype=int), rng.permutation(np.r_[np.zeros(9, dtype=int),
                                                             np.ones(29, dtype=int)])]
    Xc, yc = _node(rng, 30, 3, 2, 1)
    return [
        Case("example: one feature, entropy", args=(ex_X, ex_y), visible=True, check=CHECK),
        Case("example: one feature, gini", args=(ex_X, ex_y), kwargs={"criterion": "gini"},
             visible=True, check=CHECK),
        *hidden,
        Case("hidden: a tiny pure child against a balanced split", args=(Xw, yw), check=CHECK),
        Case("edge: labels already pure (all gains 0)", args=(Xc, np.ones(30, dtype=int)),
             check=CHECK, kind="edge"),
        Case("edge: two identical features (tie: the first)",
             args=(np.column_stack([Xc[:, 0], Xc[:, 0]]), yc), check=CHECK, kind="edge"),
        Case("edge: a constant feature next to a useful one",
             args=(np.column_stack([np.full(30, 2.0), Xc[:, 1]]), yc),
             kwargs={"criterion": "gini"}, check=CHECK, kind="edge"),
        Case("edge: every feature constant", args=(np.ones((5, 2)), np.array([0, 1, 0, 1, 1])),
             raises=ValueError, kind="edge", reason="no possible split"),
        Case("edge: unknown criterion", args=(Xc, yc), kwargs={"criterion": "variance"},
             raises=ValueError, kind="edge", reason="criterion='variance'"),
        Case("edge: lengths differ", args=(Xc, yc[:-1]), raises=ValueError, kind="edge",
             reason="30 rows and 29 labels"),
    ]


def _impurity(y, crit, log):
    p = np.bincount(y) / len(y) if len(y) else np.zeros(1)
    p = p[p > 0]
    return float(-(p * log(p)).sum()) if crit == "entropy" else float(1 - (p * p).sum())


def _search(X, y, criterion="entropy", log=np.log2, weighted=True, at_value=False):
    X, y = np.asarray(X, float), np.asarray(y, int)
    parent = _impurity(y, criterion, log)
    best = None
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        for t in (v[:-1] if at_value else (v[:-1] + v[1:]) / 2):
            left = X[:, j] <= t
            wl, wr = (left.mean(), 1 - left.mean()) if weighted else (0.5, 0.5)
            gain = parent - wl * _impurity(y[left], criterion, log) - wr * _impurity(
                y[~left], criterion, log)
            if best is None or gain > best[2] + 1e-12:
                best = (j, float(t), float(gain))
    return best


MISTAKES = [
    Mistake(
        "natural log",
        wrong=lambda X, y, criterion="entropy": _search(X, y, criterion, log=np.log),
        hint="Right split, but the gain is in nats: the entropy here uses log base 2 (bits).",
    ),
    Mistake(
        "children not weighted",
        wrong=lambda X, y, criterion="entropy": _search(X, y, criterion, weighted=False),
        hint="Weight each child's impurity by its share of the points, |L|/n and |R|/n, not "
        "1/2 each: a tiny pure child should not count as much as a large mixed one.",
    ),
    Mistake(
        "threshold at a data value",
        wrong=lambda X, y, criterion="entropy": _search(X, y, criterion, at_value=True),
        hint="Right split, wrong threshold: use the midpoint between the two neighbouring "
        "distinct values, not the lower value itself.",
    ),
]
