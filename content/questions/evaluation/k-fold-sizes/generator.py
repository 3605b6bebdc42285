"""Test-fold sizes of k-fold cross-validation with np.array_split."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    n, k = int(rng.integers(23, 98)), int(rng.integers(3, 8))
    q, r = divmod(n, k)
    require(r != 0)
    sizes = [len(fold) for fold in np.array_split(np.arange(n), k)]
    last = [q] * (k - 1) + [q + r]
    listing = ", ".join(str(s) for s in sizes)
    return dict(
        params={"n": n, "k": k},
        prompt=f"A data set of $n = {n}$ examples is shuffled and split into $k = {k}$ folds "
        f"with `np.array_split(rng.permutation({n}), {k})`, as in the lesson. Give the sizes "
        f"of the {k} test folds, in order, as a vector `[size1, size2, ...]`.",
        answer=answer(sizes, mode="exact"),
        feedback=[
            feedback(
                "remainder-last",
                last,
                "np.array_split does not put the leftover examples in the last fold: it "
                "gives one extra example to each of the first n mod k folds.",
            ),
            feedback(
                "floor-only",
                [q] * k,
                f"Those folds hold only {q * k} examples: the {r} left over by the division "
                "must go somewhere, and np.array_split gives one each to the first folds.",
            ),
        ],
        solution=f"${n} = {k} \\cdot {q} + {r}$. `np.array_split` makes the first "
        f"${r}$ folds one larger than the rest: sizes $({listing})$, which add up to ${n}$. "
        f"Each round trains on the other $k - 1$ folds, between ${n - max(sizes)}$ and "
        f"${n - min(sizes)}$ examples.",
    )
