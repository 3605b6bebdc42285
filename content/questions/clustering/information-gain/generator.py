"""Information gain (in bits) of a decision-tree split."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, num, require


def _entropy(counts: np.ndarray) -> float:
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log2(p)).sum())


def _worked(counts: np.ndarray, h: float) -> str:
    """The entropy's terms and value, or 0 for a pure node."""
    total = int(counts.sum())
    parts = [
        f"\\tfrac{{{c}}}{{{total}}}\\log_2\\tfrac{{{total}}}{{{c}}}" for c in counts if c > 0
    ]
    if len(parts) == 1:
        return "0 \\text{ (pure)}"
    return " + ".join(parts) + f" \\approx {num(h, 6)}"


def generate(rng: np.random.Generator) -> dict[str, Any]:
    left = rng.integers(0, 9, 2)
    right = rng.integers(0, 9, 2)
    n_left, n_right = int(left.sum()), int(right.sum())
    require(n_left >= 2 and n_right >= 2 and n_left != n_right)
    n = n_left + n_right
    parent = left + right
    h_parent, h_left, h_right = _entropy(parent), _entropy(left), _entropy(right)
    value = h_parent - n_left / n * h_left - n_right / n * h_right
    unweighted = h_parent - (h_left + h_right) / 2
    # The gain is a difference of entropies near 1 bit: a small gain would need many more
    # digits in the entropies than the answer's 4 significant figures suggest.
    require(value > 0.15 and abs(unweighted - value) > 0.01 * value)
    return dict(
        params={"left": left, "right": right},
        prompt=f"A decision-tree node holds {int(parent[0])} examples of class A and "
        f"{int(parent[1])} of class B. A split sends {left[0]} A and {left[1]} B to the left "
        f"child and {right[0]} A and {right[1]} B to the right child. Compute the information "
        "gain of the split in bits.",
        answer=answer(value, mode="relative", tol=1e-3),
        feedback=[
            feedback(
                "unweighted",
                unweighted,
                "You subtracted the plain average of the children's entropies. Each child "
                "is weighted by its share of the examples, |L|/n and |R|/n.",
            ),
            feedback(
                "natural-log",
                value * np.log(2),
                "That is the gain in nats (natural log). Bits use log base 2: divide by ln 2.",
            ),
        ],
        solution="Entropies in bits, $H = \\sum_c p_c \\log_2 \\tfrac{1}{p_c}$ (an empty "
        "class contributes $0$):\n\n"
        f"$$H(\\text{{parent}}) = {_worked(parent, h_parent)},$$\n\n"
        f"$$H(L) = {_worked(left, h_left)}, \\qquad "
        f"H(R) = {_worked(right, h_right)}.$$\n\n"
        f"$$\\text{{gain}} = {num(h_parent, 6)} - \\tfrac{{{n_left}}}{{{n}}} \\cdot {num(h_left, 6)}"
        f" - \\tfrac{{{n_right}}}{{{n}}} \\cdot {num(h_right, 6)} \\approx {num(value)}"
        "\\text{ bits}.$$",
    )
