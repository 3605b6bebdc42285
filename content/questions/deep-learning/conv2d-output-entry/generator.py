"""One entry of a 2-D convolution (cross-correlation) with padding and stride."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, mat, paren, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    x = rng.integers(-3, 4, (5, 5))
    kernel = rng.integers(-2, 3, (3, 3))
    pad = int(rng.integers(0, 2))
    stride = int(rng.integers(1, 3))
    size = (5 + 2 * pad - 3) // stride + 1
    i, j = (int(v) for v in rng.integers(0, size, 2))
    padded = np.pad(x, pad)
    window = padded[i * stride : i * stride + 3, j * stride : j * stride + 3]
    value = int((kernel * window).sum())
    flipped = int((kernel[::-1, ::-1] * window).sum())
    require(value != flipped)
    products = " + ".join(
        f"{paren(kv)}\\cdot{paren(xv)}"
        for kv, xv in zip(kernel.ravel(), window.ravel(), strict=True)
    )
    rows = f"{i * stride - pad}" + f" to {i * stride - pad + 2}"
    cols = f"{j * stride - pad}" + f" to {j * stride - pad + 2}"
    padding_text = "no padding" if pad == 0 else "zero padding $p = 1$ on every side"
    return dict(
        params={"x": x, "kernel": kernel, "pad": pad, "stride": stride, "i": i, "j": j},
        prompt=f"A convolutional layer (as in deep learning: a cross-correlation, the kernel "
        f"is not flipped) with {padding_text} and stride $s = {stride}$ applies the kernel "
        f"$$w = {mat(kernel)}$$ to the single-channel input $$x = {mat(x)}.$$ Counting rows "
        f"and columns from 0, what is the output entry $\\text{{out}}[{i}, {j}]$?",
        answer=answer(value, mode="exact"),
        feedback=[
            feedback(
                "flipped-kernel",
                flipped,
                "You flipped the kernel (the mathematical convolution). Deep-learning layers "
                "compute a cross-correlation: w[a, b] multiplies x[i s + a, j s + b].",
            ),
        ],
        solution=f"The output $[{i}, {j}]$ reads the $3\\times3$ window of the "
        + ("" if pad == 0 else "padded ")
        + f"input starting at row ${i}\\cdot{stride} = {i * stride}$ and column "
        f"${j}\\cdot{stride} = {j * stride}$"
        + ("" if pad == 0 else f" (rows {rows} and columns {cols} of $x$, zeros outside $x$)")
        + f":\n\n$${mat(window)}.$$\n\nMultiply it entry by entry with $w$ (no flip) and add:"
        f"\n\n$${products} = {value}.$$",
    )
