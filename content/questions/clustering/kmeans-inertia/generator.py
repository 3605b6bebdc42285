"""The k-means objective (inertia) for fixed centres, each point at its nearest centre."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, num, require


def _point(p: np.ndarray) -> str:
    return f"({num(p[0])}, {num(p[1])})"


def generate(rng: np.random.Generator) -> dict[str, Any]:
    n = int(rng.integers(5, 7))
    X = rng.integers(0, 10, (n, 2)).astype(float)
    centres = rng.integers(0, 10, (2, 2)).astype(float)
    require(np.any(centres[0] != centres[1]))
    sq = ((X[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    nearest = sq.min(axis=1)
    labels = sq.argmin(axis=1)
    require(len(set(labels.tolist())) == 2)
    value = float(nearest.sum())
    unsquared = float(np.sqrt(nearest).sum())
    require(value > 0 and abs(unsquared - value) > 0.01 * value)
    # The two anticipated mistakes must not coincide either (seed 67 of the pool: the mean
    # squared distance equalled the sum of distances, so "mean-not-sum" could never fire).
    require(abs(unsquared - value / n) > 0.01 * value / n)
    terms = " + ".join(num(d) for d in nearest)
    lines = ", ".join(
        f"${_point(p)} \\to \\mu_{lab + 1}$: ${num(d)}$"
        for p, lab, d in zip(X, labels, nearest, strict=True)
    )
    return dict(
        params={"X": X, "centres": centres},
        prompt=f"Points ${', '.join(_point(p) for p in X)}$ are each assigned to the nearer "
        f"of the centres $\\mu_1 = {_point(centres[0])}$ and $\\mu_2 = {_point(centres[1])}$. "
        "Compute the k-means objective (the inertia) "
        "$J = \\sum_i \\lVert x_i - \\mu_{c(i)} \\rVert^2$.",
        answer=answer(value, mode="relative", tol=1e-3),
        feedback=[
            feedback(
                "not-squared",
                unsquared,
                "You added the distances themselves. The inertia adds the squared "
                "distances: no square roots are needed at all.",
            ),
            feedback(
                "mean-not-sum",
                value / n,
                f"That is the mean squared distance. The inertia is the sum over all {n} "
                "points, not the average.",
            ),
        ],
        solution="Each point contributes its squared distance to the nearer centre: "
        f"{lines}.\n\n$$J = {terms} = {num(value)}.$$",
    )
