"""The output size of a 2-D convolution with padding and stride."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, require


def _size(n: int, k: int, p: int, s: int) -> int:
    return (n + 2 * p - k) // s + 1


def generate(rng: np.random.Generator) -> dict[str, Any]:
    h, w = (int(v) for v in rng.integers(5, 65, 2))
    k = int(rng.choice([2, 3, 4, 5, 7]))
    p = int(rng.integers(1, 4))
    s = int(rng.integers(1, 4))
    require(h != w and min(h, w) + 2 * p >= k)
    out = [_size(h, k, p, s), _size(w, k, p, s)]
    one_side = [(h + p - k) // s + 1, (w + p - k) // s + 1]
    # both entries of each wrong answer differ from the right ones (partial credit per entry)
    require(all(a != b for a, b in zip(out, one_side, strict=True)))
    require(all(a - 1 != b for a, b in zip(out, one_side, strict=True)))
    lines = [
        f"- height: $\\lfloor ({h} + 2\\cdot{p} - {k})/{s} \\rfloor + 1 = "
        f"\\lfloor {h + 2 * p - k}/{s} \\rfloor + 1 = {out[0]}$",
        f"- width: $\\lfloor ({w} + 2\\cdot{p} - {k})/{s} \\rfloor + 1 = "
        f"\\lfloor {w + 2 * p - k}/{s} \\rfloor + 1 = {out[1]}$",
    ]
    return dict(
        params={"h": h, "w": w, "k": k, "p": p, "s": s},
        prompt=f"A convolutional layer with ${k}\\times{k}$ filters, zero padding $p = {p}$ "
        f"(on every side) and stride $s = {s}$ is applied to an image of height {h} and width "
        f"{w}. Give the output's `[height, width]`; each earns half.",
        answer=answer(out, mode="exact", partial=True),
        feedback=[
            feedback(
                "no-plus-one",
                [o - 1 for o in out],
                "One short: floor((H + 2p - k)/s) counts the steps between window positions; "
                "the number of positions is one more.",
            ),
            feedback(
                "padding-one-side",
                one_side,
                "Padding p adds p rows at the top and p at the bottom (and p columns on each "
                "side), so the padded size is H + 2p.",
            ),
        ],
        solution="$H_{\\text{out}} = \\lfloor (H + 2p - k)/s \\rfloor + 1$, the number of "
        "window positions that fit in the padded image:\n\n" + "\n".join(lines),
    )
