"""How many parameters a multi-head attention layer has."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    # a small width keeps the count below 10^5, where an exact integer answer stays exact
    # in every form a student may type (1/(1/x) included)
    d = int(rng.choice([32, 48, 64, 96, 128]))
    heads = int(rng.choice([2, 3, 4, 6, 8, 12, 16]))
    bias = bool(rng.integers(2))
    require(d % heads == 0 and d // heads >= 8)
    per_matrix = d * d + (d if bias else 0)
    total = 4 * per_matrix
    dk = d // heads
    bias_text = (
        "Each projection also has a bias vector of length $d$"
        if bias
        else "The projections have no biases"
    )
    per_text = f"{d}^2 + {d} = {per_matrix}" if bias else f"{d}^2 = {per_matrix}"
    return dict(
        params={"d": d, "heads": heads, "bias": bias},
        prompt=f"A multi-head self-attention layer has model width $d = {d}$ and $h = {heads}$ "
        "heads. It projects the input to queries, keys and values with $W_q$, $W_k$, $W_v$, "
        f"splits them into heads, and maps the concatenated heads back with $W_o$. {bias_text}. "
        "How many learned parameters does the layer have?",
        answer=answer(total, mode="exact"),
        feedback=[
            feedback(
                "per-head-full-size",
                heads * total,
                f"The heads do not have full-size projections each: head j uses a slice of "
                f"d_k = d/h = {dk} columns of W_q, W_k and W_v, so h heads together cost the "
                "same as one.",
            ),
            feedback(
                "no-output-projection",
                3 * per_matrix,
                "You left out the output projection W_o, which maps the concatenated heads "
                "back to width d.",
            ),
        ],
        solution=f"Each of $W_q, W_k, W_v$ maps width {d} to width {d}: the {heads} heads "
        f"are slices of $d_k = {d}/{heads} = {dk}$ columns, not separate full-size matrices. "
        f"$W_o$ maps the concatenation (width {d}) back to {d}. So each projection has "
        f"${per_text}$ parameters and the layer has $4\\cdot{per_matrix} = {total}$. The "
        "number of heads does not change it.",
    )
