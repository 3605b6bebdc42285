"""One assignment and update step of k-means (Lloyd's algorithm) in the plane."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, mat, num, require


def _point(p: np.ndarray) -> str:
    return f"({num(p[0])}, {num(p[1])})"


def generate(rng: np.random.Generator) -> dict[str, Any]:
    X = rng.integers(0, 10, (6, 2)).astype(float)
    require(len({tuple(p) for p in X}) == 6)
    centres = rng.integers(0, 10, (2, 2)).astype(float)
    sq = ((X[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    require(np.all(sq[:, 0] != sq[:, 1]))  # no point halfway: the assignment is unambiguous
    labels = sq.argmin(axis=1)
    require(2 <= int((labels == 0).sum()) <= 4)
    new = np.array([X[labels == j].mean(axis=0) for j in range(2)])
    require(np.abs(new - centres).max() > 0.5)
    rows = " \\\\ ".join(
        f"{_point(p)} & {num(d[0])} & {num(d[1])} & \\mu_{lab + 1}"
        for p, d, lab in zip(X, sq, labels, strict=True)
    )
    members = [", ".join(_point(p) for p in X[labels == j]) for j in range(2)]
    return dict(
        params={"X": X, "centres": centres},
        prompt="Run one step of k-means (assign each point to the nearest centre, then move "
        "each centre to the mean of its points) on the six points "
        f"${', '.join(_point(p) for p in X)}$ with starting centres "
        f"$\\mu_1 = {_point(centres[0])}$ and $\\mu_2 = {_point(centres[1])}$.\n\n"
        "Give the new centres as a matrix with one row per centre, `[[x1, y1], [x2, y2]]`. "
        "Fractions are fine; each entry earns a quarter.",
        answer=answer(new, mode="absolute", tol=1e-3, partial=True),
        solution="**Assign.** Squared distances to each centre (the square root does not "
        "change which is nearest):\n\n"
        "$$\\begin{array}{c|cc|c} x & \\lVert x - \\mu_1 \\rVert^2 & "
        f"\\lVert x - \\mu_2 \\rVert^2 & \\text{{nearest}} \\\\ \\hline {rows} \\end{{array}}$$\n\n"
        f"**Update.** Cluster 1 holds ${members[0]}$ and cluster 2 holds ${members[1]}$; "
        "each centre moves to the mean of its points:\n\n"
        f"$$\\mu_1 = {_point(new[0])}, \\qquad \\mu_2 = {_point(new[1])}, \\qquad "
        f"\\text{{i.e. }} {mat(new)}.$$",
    )
