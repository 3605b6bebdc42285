from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("exact", "allclose", "scalar")


def _blobs(rng: np.random.Generator, n: int, k: int, d: int, spread: float):
    centres = rng.normal(scale=spread, size=(k, d))
    X = centres[rng.integers(0, k, size=n)] + rng.normal(size=(n, d))
    return X, X[rng.choice(n, size=k, replace=False)].copy()


def cases(rng: np.random.Generator) -> list[Case]:
    example = np.array([[0.0, 0], [0, 1], [4, 0], [4, 1], [10, 0], [10, 1]])
    hidden = []
    for n, k, d, spread in [(30, 2, 2, 5.0), (300, 4, 2, 3.0), (1000, 6, 5, 2.0)]:
        X, C = _blobs(rng, n, k, d, spread)
        hidden.append(Case(f"hidden: n={n}, k={k}, d={d}", args=(X, C), check=CHECK))
    X, C = _blobs(rng, 400, 5, 2, 1.0)  # overlapping blobs: many steps before it settles
    Xe, Ce = _blobs(rng, 80, 3, 2, 4.0)
    far = np.vstack([Ce, [[1e3, 1e3]]])
    return [
        Case("example: stuck in a local minimum", args=(example, np.array([[0.0, 0], [1, 0]])),
             visible=True, check=CHECK),
        Case("example: a better start", args=(example, np.array([[0.0, 0], [10, 0]])),
             visible=True, check=CHECK),
        Case("example: max_iter=1", args=(example, np.array([[0.0, 0], [1, 0]])),
             kwargs={"max_iter": 1}, visible=True, check=CHECK),
        *hidden,
        Case("hidden: overlapping blobs, n=400, k=5", args=(X, C), check=CHECK),
        Case("hidden: overlapping blobs stopped after 2 steps", args=(X, C),
             kwargs={"max_iter": 2}, check=CHECK),
        Case("hidden: overlapping blobs stopped after 1 step", args=(X, C),
             kwargs={"max_iter": 1}, check=CHECK),
        Case("edge: a centroid far from every point stays empty", args=(Xe, far), check=CHECK,
             kind="edge"),
        Case("edge: k=1 is the mean", args=(Xe, Ce[:1]), check=CHECK, kind="edge"),
        Case("edge: max_iter=0", args=(Xe, Ce), kwargs={"max_iter": 0}, raises=ValueError,
             kind="edge", reason="max_iter < 1"),
        Case("edge: column counts differ", args=(Xe, np.ones((3, 3))), raises=ValueError,
             kind="edge", reason="X with 2 columns and centroids with 3"),
        Case("edge: no centroids", args=(Xe, np.zeros((0, 2))), raises=ValueError,
             kind="edge", reason="an empty init_centroids"),
        Case("edge: X is 1-D", args=(Xe[:, 0], Ce), raises=ValueError, kind="edge",
             reason="a 1-D X"),
    ]


def _lloyd(X, C, max_iter=100, stale_labels=False, root=False):
    X, C = np.asarray(X, dtype=float), np.array(C, dtype=float)
    labels = None
    for _ in range(max_iter):
        labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        new = C.copy()
        for j in range(len(C)):
            if np.any(labels == j):
                new[j] = X[labels == j].mean(axis=0)
        done = np.array_equal(new, C)
        C = new
        if done:
            break
    if not stale_labels:
        labels = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    dist = np.sqrt(((X - C[labels]) ** 2).sum(axis=1))
    return labels, C, float(dist.sum() if root else (dist**2).sum())


MISTAKES = [
    Mistake(
        "inertia from unsquared distances",
        wrong=lambda X, C, max_iter=100: _lloyd(X, C, max_iter, root=True),
        hint="Inertia is the sum of SQUARED distances to the assigned centroid; you summed the "
        "distances themselves.",
    ),
    Mistake(
        "labels from before the last update",
        wrong=lambda X, C, max_iter=100: _lloyd(X, C, max_iter, stale_labels=True),
        hint="Your labels (and inertia) belong to the centroids before the last update: assign "
        "the points once more to the centroids you return.",
    ),
]

NONFINITE_HINT = (
    "a centroid became nan: a cluster with no points has no mean. Keep that centroid where it "
    "was."
)
