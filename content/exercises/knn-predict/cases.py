from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = "exact"


def _two_moons_ish(rng: np.random.Generator, n: int, k_classes: int, d: int):
    centres = rng.normal(scale=2.0, size=(k_classes, d))
    y = rng.integers(0, k_classes, size=n)
    return centres[y] + rng.normal(size=(n, d)), y


def cases(rng: np.random.Generator) -> list[Case]:
    ex_X = np.array([[0.0, 0], [1, 0], [0, 1], [5, 5], [6, 5]])
    ex_y = np.array([0, 1, 1, 2, 2])
    ex_t = np.array([[0.2, 0.1], [5.2, 4.9]])
    hidden = []
    for n, m, c, d, k in [(20, 5, 2, 2, 3), (200, 50, 3, 2, 5), (500, 100, 4, 6, 7),
                          (300, 40, 5, 3, 10)]:
        X, y = _two_moons_ish(rng, n + m, c, d)
        hidden.append(Case(f"hidden: n={n}, m={m}, {c} classes, k={k}",
                           args=(X[:n], y[:n], X[n:], k), check=CHECK, dtype="int"))
    # Integer grid: many training points at exactly equal distances from a test point.
    grid = np.array([[i, j] for i in range(6) for j in range(6)], dtype=float)
    grid_y = rng.integers(0, 3, size=len(grid))
    grid_test = rng.integers(0, 6, size=(30, 2)) + 0.5 * rng.integers(0, 2, size=(30, 2))
    # A vote tie where the nearer neighbour has the larger label: the answer is the smaller.
    line_X = np.array([[0.0], [1.0], [3.0], [4.0]])
    line_y = np.array([3, 1, 1, 3])
    Xh, yh = _two_moons_ish(rng, 60, 3, 2)
    return [
        Case("example: k=3", args=(ex_X, ex_y, ex_t, 3), visible=True, check=CHECK, dtype="int"),
        Case("example: k=1", args=(ex_X, ex_y, ex_t, 1), visible=True, check=CHECK, dtype="int"),
        Case("example: k=2, a tied vote", args=(ex_X, ex_y, ex_t[:1], 2), visible=True,
             check=CHECK, dtype="int"),
        *hidden,
        Case("hidden: integer grid with equal distances, k=4",
             args=(grid, grid_y, grid_test, 4), check=CHECK, dtype="int"),
        Case("hidden: integer grid with equal distances, k=6",
             args=(grid, grid_y, grid_test, 6), check=CHECK, dtype="int"),
        Case("edge: tied vote, nearer neighbour has the larger label",
             args=(line_X, line_y, np.array([[0.4], [3.9]]), 2), check=CHECK, dtype="int",
             kind="edge"),
        Case("edge: test points equal to training points, k=1",
             args=(Xh[:40], yh[:40], Xh[:10], 1), check=CHECK, dtype="int", kind="edge"),
        Case("edge: k equals n (every point votes)", args=(Xh[:15], yh[:15], Xh[40:], 15),
             check=CHECK, dtype="int", kind="edge"),
        Case("edge: k=0", args=(Xh[:40], yh[:40], Xh[40:], 0), raises=ValueError, kind="edge",
             reason="k = 0"),
        Case("edge: k larger than n", args=(Xh[:5], yh[:5], Xh[40:], 6), raises=ValueError,
             kind="edge", reason="k = 6 with 5 training points"),
        Case("edge: labels and points differ in number", args=(Xh[:40], yh[:39], Xh[40:], 3),
             raises=ValueError, kind="edge", reason="40 training points and 39 labels"),
        Case("edge: column counts differ", args=(Xh[:40], yh[:40], np.ones((3, 3)), 3),
             raises=ValueError, kind="edge", reason="2 columns in X_train and 3 in X_test"),
    ]


def _neighbours(Xtr, Xte, k: int, offset: int = 0) -> np.ndarray:
    d = ((np.asarray(Xte, float)[:, None, :] - np.asarray(Xtr, float)[None, :, :]) ** 2).sum(2)
    return np.argsort(d, axis=1, kind="stable")[:, offset:offset + k]


def _first_seen_winner(labels: list[int]) -> int:
    # Counter.most_common's rule: among the labels with the most votes, the first one met.
    counts: dict[int, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    return max(counts, key=lambda label: counts[label])


def _most_common(Xtr, ytr, Xte, k):
    ytr = np.asarray(ytr)
    return np.array([_first_seen_winner(ytr[row].tolist()) for row in _neighbours(Xtr, Xte, k)])


def _skip_first(Xtr, ytr, Xte, k):
    ytr = np.asarray(ytr)
    return np.array([np.bincount(ytr[row]).argmax() for row in _neighbours(Xtr, Xte, k, 1)])


def _farthest(Xtr, ytr, Xte, k):
    ytr = np.asarray(ytr)
    return np.array([np.bincount(ytr[row]).argmax()
                     for row in _neighbours(Xtr, Xte, len(ytr))[:, ::-1][:, :k]])


MISTAKES = [
    Mistake(
        "skips the nearest neighbour",
        wrong=_skip_first,
        hint="You skipped the nearest training point (indices [1:k+1]). Only leave-one-out "
        "evaluation on the training set drops the point itself; here every test point uses its "
        "k nearest, starting with the closest.",
    ),
    Mistake(
        "vote ties by first appearance",
        wrong=_most_common,
        hint="On a tied vote you picked the label that appears first among the neighbours "
        "(Counter.most_common does that). The rule here is the smallest label: np.argmax of "
        "np.bincount(...) gives it.",
    ),
    Mistake(
        "k farthest points",
        wrong=_farthest,
        hint="You took the k FARTHEST training points: argsort sorts ascending, so the nearest "
        "are at the start.",
    ),
]
