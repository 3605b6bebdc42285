"""Floating point and numerically stable softmax / log-softmax."""

from __future__ import annotations

import numpy as np

from quizzes.checking import AnswerSpec
from quizzes.generators.base import Question, question
from quizzes.generators.tex import num, rowvec

TOPIC = "numerics"

_FORMATS = {"float16": 10, "float32": 23, "float64": 52}


@question("float-spacing", topic=TOPIC, title="Spacing of floating-point numbers")
def float_spacing(rng: np.random.Generator) -> Question:
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
    return Question(
        params={"format": fmt, "k": k, "c": c},
        prompt=f"In IEEE {fmt} ({mantissa} stored fraction bits), what is the gap between "
        f"$x = {shown}$ and the next larger representable number? Powers such as `2^-20` are "
        "fine.",
        answer=AnswerSpec(spacing, mode="relative", tol=1e-6),
        solution=f"Numbers in $[2^{{{k}}}, 2^{{{k + 1}}})$ are $2^{{{k}}}(1 + m/2^{{{mantissa}}})$"
        f" for integers $m$, so neighbours differ by $2^{{{k}}}\\cdot2^{{-{mantissa}}} = "
        f"2^{{{k - mantissa}}} \\approx {check:.6g}$ for every number in that range, $x$ "
        f"included (`np.spacing(np.{fmt}({num(c)} * 2.0**{k}))`). "
        f"At $2^0 = 1$ this gap is the machine epsilon $2^{{-{mantissa}}}$.",
    )


@question("softmax-probability", topic=TOPIC, title="One softmax probability")
def softmax_probability(rng: np.random.Generator) -> Question:
    z = rng.integers(-3, 4, 4).astype(float)
    i = int(rng.integers(0, 4))
    e = np.exp(z - z.max())
    p = e / e.sum()
    value = float(p[i])
    return Question(
        params={"logits": z, "index": i + 1},
        prompt=f"Logits $\\mathbf z = {rowvec(z)}$. What probability does softmax give to "
        f"entry {i + 1}?",
        answer=AnswerSpec(value, mode="relative", tol=1e-3),
        solution="$\\mathrm{softmax}(\\mathbf z)_i = e^{z_i}/\\sum_j e^{z_j}$. Subtracting "
        f"the maximum ${num(z.max())}$ first changes nothing mathematically and avoids "
        f"overflow: $e^{{z - \\max}} = {rowvec(e)}$, sum ${num(e.sum())}$, so\n\n"
        f"$$p_{{{i + 1}}} = {num(e[i])}/{num(e.sum())} \\approx {num(value)}.$$\n\n"
        f"All probabilities: ${rowvec(p)}$.",
    )


@question("log-softmax-stable", topic=TOPIC, title="Stable log-softmax of large logits")
def log_softmax_stable(rng: np.random.Generator) -> Question:
    base = float(rng.choice([500, 800, 1000]))
    z = base + rng.integers(0, 5, 3).astype(float)
    i = int(rng.integers(0, 3))
    from scipy.special import logsumexp  # imported on use: ~1 s at every process start

    lse = float(logsumexp(z))
    value = float(z[i] - lse)
    shifted = z - z.max()
    return Question(
        params={"logits": z, "index": i + 1},
        prompt=f"Logits $\\mathbf z = {rowvec(z)}$ (computing $e^{{{num(z.max())}}}$ in float64 "
        f"overflows). What is $\\log\\mathrm{{softmax}}(\\mathbf z)_{i + 1}$?",
        answer=AnswerSpec(value, mode="absolute", tol=1e-3),
        solution="$\\log\\mathrm{softmax}(\\mathbf z)_i = z_i - \\log\\sum_j e^{z_j}$, and the "
        "log-sum-exp is computed stably as $m + \\log\\sum_j e^{z_j - m}$ with $m = \\max z$.\n\n"
        f"$\\mathbf z - m = {rowvec(shifted)}$, $\\sum_j e^{{z_j-m}} = "
        f"{num(np.exp(shifted).sum())}$, so $\\log\\mathrm{{softmax}}_{{{i + 1}}} = "
        f"{num(shifted[i])} - \\ln {num(np.exp(shifted).sum())} \\approx {num(value)}$.",
    )
