"""The k-nearest-neighbour vote for one query point."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, num, require


def _point(p: np.ndarray) -> str:
    return f"({num(p[0])}, {num(p[1])})"


def generate(rng: np.random.Generator) -> dict[str, Any]:
    k = int(rng.choice([3, 5]))
    X = rng.integers(0, 11, (8, 2)).astype(float)
    require(len({tuple(p) for p in X}) == 8)
    y = rng.integers(0, 3, 8)
    query = rng.integers(2, 9, 2).astype(float)
    sq = ((X - query) ** 2).sum(axis=1)
    order = np.argsort(sq, kind="stable")
    ranked = sq[order]
    # Well-posed: a unique nearest point, no tie at the k-th place, a strict majority.
    require(ranked[0] < ranked[1] and ranked[k - 1] < ranked[k])
    votes = np.bincount(y[order[:k]], minlength=3)
    require(int((votes == votes.max()).sum()) == 1)
    label = int(votes.argmax())
    nearest = int(y[order[0]])
    require(nearest != label)  # the 1-NN answer must be a wrong answer here
    listing = ", ".join(f"${_point(p)}$: class {c}" for p, c in zip(X, y, strict=True))
    steps = ", ".join(f"${_point(X[i])}$ at ${num(sq[i])}$ (class {y[i]})" for i in order[:k])
    tally = ", ".join(f"class {c}: {int(v)}" for c, v in enumerate(votes) if v)
    return dict(
        params={"X": X, "y": y, "query": query, "k": k},
        prompt=f"A training set has eight labelled points: {listing}. What class does "
        f"{k}-nearest-neighbour classification (Euclidean distance, majority vote) predict "
        f"for the query point ${_point(query)}$?",
        answer=answer(label, mode="exact"),
        feedback=[
            feedback(
                "nearest-only",
                nearest,
                f"That is the label of the single nearest point (k = 1). With k = {k}, the "
                f"{k} nearest points vote.",
            ),
        ],
        solution=f"Squared distances to ${_point(query)}$ are enough to rank the points. "
        f"The {k} nearest are {steps}. Votes: {tally}, so the prediction is class "
        f"**{label}**, although the single nearest point is of class {nearest}.",
    )
