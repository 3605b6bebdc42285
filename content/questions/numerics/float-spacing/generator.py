"""Spacing of floating-point numbers."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num

_FORMATS = {"float16": 10, "float32": 23, "float64": 52}


def generate(rng: np.random.Generator) -> dict[str, Any]:
    fmt = str(rng.choice(list(_FORMATS)))
    mantissa = _FORMATS[fmt]
    # float16 is normal only on [2^-14, 2^16); stay in the normal range where the gap is 2^(k-m).
    k = int(rng.integers(-14, 16)) if fmt == "float16" else int(rng.integers(-20, 21))
    # Any number in [2^k, 2^(k+1)) has the same gap; a multiplier c varies the question.
    c = float(rng.choice([1, 1.25, 1.5, 1.75]))
    x = c * 2.0**k
    spacing = 2.0 ** (k - mantissa)
    check = float(np.spacing(getattr(np, fmt)(x)))
    shown = f"2^{{{k}}}" if c == 1 else f"{num(c)}\\cdot 2^{{{k}}}"
    return dict(
        params={"format": fmt, "k": k, "c": c},
        prompt=f"In IEEE {fmt} ({mantissa} stored fraction bits), what is the gap between "
        f"$x = {shown}$ and the next larger representable number? Powers such as `2^-20` are "
        "fine.",
        answer=answer(spacing, mode="relative", tol=1e-6),
        solution=f"Numbers in $[2^{{{k}}}, 2^{{{k + 1}}})$ are $2^{{{k}}}(1 + m/2^{{{mantissa}}})$"
        f" for integers $m$, so neighbours differ by $2^{{{k}}}\\cdot2^{{-{mantissa}}} = "
        f"2^{{{k - mantissa}}} \\approx {check:.6g}$ for every number in that range, $x$ "
        f"included (`np.spacing(np.{fmt}({num(c)} * 2.0**{k}))`). "
        f"At $2^0 = 1$ this gap is the machine epsilon $2^{{-{mantissa}}}$.",
    )
