"""One entry of the sinusoidal positional encoding."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from questionlib import answer, feedback, num, require


def _entry(pos: int, col: int, d: int, exponent_index: int, *, swap: bool = False) -> float:
    angle = pos / 10000 ** (exponent_index / d)
    use_sin = (col % 2 == 0) != swap
    return math.sin(angle) if use_sin else math.cos(angle)


def generate(rng: np.random.Generator) -> dict[str, Any]:
    d = int(rng.choice([4, 8, 16, 32, 64, 128, 512]))
    pos = int(rng.integers(1, 51))
    col = int(rng.integers(1, min(d, 12)))  # the first columns, where the values move
    i = col // 2
    value = _entry(pos, col, d, 2 * i)
    swapped = _entry(pos, col, d, 2 * i, swap=True)
    column_as_i = _entry(pos, col, d, 2 * col)
    values = [value, swapped, column_as_i]
    require(abs(value) > 0.01)
    require(all(abs(a - b) > 5e-3 for n, a in enumerate(values) for b in values[n + 1 :]))
    angle = pos / 10000 ** (2 * i / d)
    fn = "\\sin" if col % 2 == 0 else "\\cos"
    return dict(
        params={"d": d, "pos": pos, "col": col},
        prompt=f"A transformer with model width $d = {d}$ uses the sinusoidal positional "
        "encoding $PE[\\text{pos}, 2i] = \\sin(\\text{pos}/10000^{2i/d})$, "
        "$PE[\\text{pos}, 2i + 1] = \\cos(\\text{pos}/10000^{2i/d})$ (angles in radians, "
        f"columns counted from 0). What is $PE[{pos}, {col}]$?",
        answer=answer(value, mode="absolute", tol=1e-3),
        feedback=[
            feedback(
                "sin-cos-swapped",
                swapped,
                "Sine and cosine are swapped: even columns 2i hold the sine, odd columns "
                "2i + 1 the cosine.",
            ),
            feedback(
                "column-as-i",
                column_as_i,
                f"You used the column number {col} as i. Column {col} is "
                f"{'2i' if col % 2 == 0 else '2i + 1'} with i = {i}, so the exponent is "
                f"2i/d = {2 * i}/{d}.",
            ),
        ],
        solution=f"Column {col} is {'even' if col % 2 == 0 else 'odd'}: "
        f"${col} = {'2i' if col % 2 == 0 else '2i + 1'}$ with $i = {i}$, so it holds the "
        f"{'sine' if col % 2 == 0 else 'cosine'} with frequency $10000^{{-{2 * i}/{d}}} = "
        f"{num(10000 ** (-2 * i / d), 6)}$. The angle is "
        f"${pos}\\cdot{num(10000 ** (-2 * i / d), 6)} = {num(angle, 6)}$ radians, and\n\n"
        f"$$PE[{pos}, {col}] = {fn}({num(angle, 6)}) = {num(value)}.$$",
    )
