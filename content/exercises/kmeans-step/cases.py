from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("exact", "allclose")


def _blobs(rng: np.random.Generator, n: int, k: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    centres = rng.normal(scale=4.0, size=(k, d))
    X = centres[rng.integers(0, k, size=n)] + rng.normal(size=(n, d))
    # Start from k of the data points, as k-means usually does.
    return X, X[rng.choice(n, size=k, replace=False)]


def cases(rng: np.random.Generator) -> list[Case]:
    hidden = []
    for n, k, d in [(10, 2, 2), (200, 3, 2), (500, 5, 4), (2000, 8, 10)]:
        X, C = _blobs(rng, n, k, d)
        hidden.append(Case(f"hidden: n={n}, k={k}, d={d}", args=(X, C), check=CHECK))
    X, C = _blobs(rng, 60, 3, 2)
    far = np.vstack([C, [[100.0, 100.0]]])  # a centroid nobody is near: an empty cluster
    # Anisotropic data: the L1 nearest centroid differs from the Euclidean one for some points.
    Xs = rng.normal(size=(300, 2)) * np.array([3.0, 0.3])
    return [
        Case("example: two groups",
             args=(np.array([[0.0, 0], [1, 0], [0, 1], [5, 5], [6, 5]]),
                   np.array([[0.0, 0], [5, 4]])), visible=True, check=CHECK),
        Case("example: the second centroid gets no points",
             args=(np.array([[0.0, 0], [1, 1], [2, 0]]), np.array([[1.0, 0], [10, 10]])),
             visible=True, check=CHECK),
        *hidden,
        Case("hidden: stretched cloud, 4 centroids", args=(Xs, Xs[:4]), check=CHECK),
        Case("edge: an empty cluster among four", args=(X, far), check=CHECK, kind="edge"),
        Case("edge: a single centroid", args=(X, C[:1]), check=CHECK, kind="edge"),
        Case("edge: every point is a centroid", args=(X[:5], X[:5]), check=CHECK, kind="edge"),
        Case("edge: one-dimensional points", args=(X[:, :1], C[:, :1]), check=CHECK,
             kind="edge"),
        Case("edge: column counts differ", args=(X, np.ones((2, 3))), raises=ValueError,
             kind="edge", reason="X with 2 columns and centroids with 3"),
        Case("edge: no centroids", args=(X, np.zeros((0, 2))), raises=ValueError, kind="edge",
             reason="an empty centroids array"),
        Case("edge: X is 1-D", args=(X[:, 0], C), raises=ValueError, kind="edge",
             reason="a 1-D X"),
    ]


def _step(X, C, empty: str = "keep", metric: str = "l2"):
    X, C = np.asarray(X, dtype=float), np.asarray(C, dtype=float)
    diff = X[:, None, :] - C[None, :, :]
    dist = np.abs(diff).sum(axis=2) if metric == "l1" else (diff**2).sum(axis=2)
    labels = np.argmin(dist, axis=1)
    new = np.zeros_like(C) if empty == "zero" else C.copy()
    for j in range(len(C)):
        if np.any(labels == j):
            new[j] = X[labels == j].mean(axis=0)
    return labels, new


MISTAKES = [
    Mistake(
        "empty cluster moved to the origin",
        wrong=lambda X, C: _step(X, C, empty="zero"),
        hint="A centroid with no points should stay where it was; yours moved to the origin.",
    ),
    Mistake(
        "Manhattan distance",
        wrong=lambda X, C: _step(X, C, metric="l1"),
        hint="The assignment uses the Euclidean distance: sum the SQUARED coordinate "
        "differences (the sum of absolute differences picks other centroids for some points).",
    ),
]

NONFINITE_HINT = (
    "a centroid became nan: the mean of an empty cluster is 0/0. Leave a centroid with no "
    "points where it was."
)
