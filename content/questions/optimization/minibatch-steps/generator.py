"""How many parameter updates mini-batch SGD makes."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    n = int(rng.integers(100, 5001))
    batch = int(rng.choice([16, 32, 50, 64, 100, 128, 256]))
    epochs = int(rng.integers(2, 11))
    require(n % batch != 0 and n > batch)  # a smaller last batch: the point of the question
    per_epoch = -(-n // batch)  # ceil(n / B)
    steps = epochs * per_epoch
    dropped = epochs * (n // batch)
    require(per_epoch not in (steps, dropped))
    last = n - (per_epoch - 1) * batch
    return dict(
        params={"n": n, "batch": batch, "epochs": epochs},
        prompt=f"Mini-batch SGD trains on $n = {n}$ examples with batch size $B = {batch}$ "
        f"for {epochs} epochs. Every epoch shuffles the data and cuts it into consecutive "
        "batches of $B$ (keeping the last, smaller batch), with one parameter update per "
        "batch. How many updates does the whole run make?",
        answer=answer(steps, mode="exact"),
        feedback=[
            feedback(
                "dropped-last-batch",
                dropped,
                f"You rounded n/B down, dropping the last batch of {last} examples. It is kept, "
                "so an epoch has ceil(n/B) batches.",
            ),
            feedback(
                "one-epoch",
                per_epoch,
                f"That is the count for one epoch; the run has {epochs}.",
            ),
        ],
        solution=f"$n/B = {n}/{batch} = {n / batch:.4g}$, so an epoch has "
        f"$\\lceil {n}/{batch}\\rceil = {per_epoch}$ batches: {per_epoch - 1} full ones and "
        f"a last one of ${n} - {per_epoch - 1}\\cdot{batch} = {last}$ examples. Over "
        f"{epochs} epochs: ${epochs}\\cdot{per_epoch} = {steps}$ updates.",
    )
