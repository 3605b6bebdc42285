"""Weighted Gini impurity of the two children of a decision-tree split."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, num, require


def _gini(counts: np.ndarray) -> float:
    p = counts / counts.sum()
    return float(1 - (p * p).sum())


def generate(rng: np.random.Generator) -> dict[str, Any]:
    left = rng.integers(0, 9, 2)
    right = rng.integers(0, 9, 2)
    n_left, n_right = int(left.sum()), int(right.sum())
    require(n_left >= 2 and n_right >= 2 and n_left != n_right)
    n = n_left + n_right
    g_left, g_right = _gini(left), _gini(right)
    value = n_left / n * g_left + n_right / n * g_right
    unweighted = (g_left + g_right) / 2
    require(value > 0.05 and abs(unweighted - value) > 0.01 * value)
    parent = left + right
    g_parent = _gini(parent)

    def worked(counts: np.ndarray, g: float) -> str:
        total = int(counts.sum())
        return (
            f"1 - \\left(\\tfrac{{{counts[0]}}}{{{total}}}\\right)^2 - "
            f"\\left(\\tfrac{{{counts[1]}}}{{{total}}}\\right)^2 \\approx {num(g, 6)}"
        )

    return dict(
        params={"left": left, "right": right},
        prompt=f"A decision-tree node holds {int(parent[0])} examples of class A and "
        f"{int(parent[1])} of class B. A split sends {left[0]} A and {left[1]} B to the left "
        f"child and {right[0]} A and {right[1]} B to the right child. Compute the weighted "
        "Gini impurity of the split, "
        "$\\frac{|L|}{n} G(L) + \\frac{|R|}{n} G(R)$ with $G = 1 - \\sum_c p_c^2$.",
        answer=answer(value, mode="relative", tol=1e-3),
        feedback=[
            feedback(
                "unweighted",
                unweighted,
                "You averaged the two children's impurities equally. Each child is weighted "
                "by its share of the examples, |L|/n and |R|/n.",
            ),
        ],
        solution=f"$$G(L) = {worked(left, g_left)}, \\qquad G(R) = {worked(right, g_right)}.$$"
        f"\n\nWeighted by size ($|L| = {n_left}$, $|R| = {n_right}$, $n = {n}$):\n\n"
        f"$$\\tfrac{{{n_left}}}{{{n}}} \\cdot {num(g_left, 6)} + \\tfrac{{{n_right}}}{{{n}}} \\cdot "
        f"{num(g_right, 6)} \\approx {num(value, 6)}.$$\n\n"
        f"The parent's impurity is ${num(g_parent)}$, so the split lowers it by "
        f"${num(g_parent - value)}$.",
    )
