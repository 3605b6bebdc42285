"""Inverted dropout on a vector of activations, with the uniform draws given."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, num, require, rowvec


def generate(rng: np.random.Generator) -> dict[str, Any]:
    p = float(rng.choice([0.2, 0.25, 0.4, 0.5]))
    x = rng.choice([-4, -3, -2, -1, 1, 2, 3, 4, 5, 6], 5).astype(float)
    u = rng.integers(0, 100, 5) / 100
    keep = u >= p  # entry i is dropped when u_i < p
    require(keep.any() and not keep.all())
    y = np.where(keep, x / (1 - p), 0.0)
    return dict(
        params={"p": p, "x": x, "u": u},
        prompt=f"A dropout layer with drop probability $p = {num(p)}$ is in training mode and "
        "uses inverted dropout. It receives the activations "
        f"$$x = {rowvec(x)}$$ and drops entry $i$ when its uniform draw $u_i < p$, with "
        f"$$u = {rowvec(u)}.$$ Give the layer's output as a vector of five numbers.",
        answer=answer(y.tolist(), mode="absolute", tol=1e-3),
        feedback=[
            feedback(
                "no-rescale",
                np.where(keep, x, 0.0).tolist(),
                "You applied the mask but did not rescale. Inverted dropout divides the kept "
                "entries by 1 - p, so that the expected output equals the input.",
            ),
            feedback(
                "times-keep-probability",
                np.where(keep, x * (1 - p), 0.0).tolist(),
                "You multiplied the kept entries by 1 - p; that is the old test-time "
                "convention. Inverted dropout divides by 1 - p during training.",
            ),
            feedback(
                "mask-inverted",
                np.where(~keep, x / (1 - p), 0.0).tolist(),
                "You kept the entries with u_i < p. Those are the dropped ones: an entry "
                "survives with probability 1 - p, when u_i >= p.",
            ),
        ],
        solution=f"Kept entries ($u_i \\ge {num(p)}$): "
        + ", ".join(str(i + 1) for i in np.flatnonzero(keep))
        + "; dropped: "
        + ", ".join(str(i + 1) for i in np.flatnonzero(~keep))
        + f". The kept entries are divided by $1 - p = {num(1 - p)}$, the others become 0:"
        f"\n\n$$y = {rowvec(y)}.$$\n\nAt inference the same layer returns $x$ unchanged.",
    )
