"""ROC AUC of a handful of scored examples, some of them tied."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, num, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    n_pos, n_neg = int(rng.integers(3, 5)), int(rng.integers(3, 5))
    # Scores in tenths, drawn with replacement, so equal scores are exactly equal floats;
    # positives tend to score higher, as from a useful model, and the ranges overlap.
    pos = rng.integers(3, 10, n_pos) / 10
    neg = rng.integers(1, 8, n_neg) / 10
    diff = pos[:, None] - neg[None, :]
    wins, ties = int((diff > 0).sum()), int((diff == 0).sum())
    pairs = n_pos * n_neg
    require(ties >= 1 and wins >= 1 and wins + ties < pairs)
    auc = (wins + 0.5 * ties) / pairs
    labels = np.array([1] * n_pos + [0] * n_neg)
    scores = np.concatenate([pos, neg])
    order = rng.permutation(n_pos + n_neg)
    labels, scores = labels[order], scores[order]
    per_pos = "; ".join(
        f"${num(p)}$ beats {int((p > neg).sum())} and ties {int((p == neg).sum())}" for p in pos
    )
    return dict(
        params={"labels": labels, "scores": scores},
        prompt=f"A classifier scores {n_pos + n_neg} test examples:\n\n"
        f"$$\\begin{{array}}{{l|{'c' * len(labels)}}} \\text{{label}} & "
        + " & ".join(str(v) for v in labels)
        + " \\\\ \\hline \\text{score} & "
        + " & ".join(num(s) for s in scores)
        + " \\end{array}$$\n\n"
        "Compute the area under its ROC curve (label 1 is positive). Fractions are fine.",
        answer=answer(auc, mode="relative", tol=1e-3),
        feedback=[
            feedback(
                "ties-as-losses",
                wins / pairs,
                "You counted tied (positive, negative) pairs as losses. No threshold "
                "separates a tie, so each tied pair counts one half.",
            ),
            feedback(
                "ties-as-wins",
                (wins + ties) / pairs,
                "You counted tied (positive, negative) pairs as wins. No threshold "
                "separates a tie, so each tied pair counts one half.",
            ),
        ],
        solution="The AUC is the probability that a random positive outscores a random "
        f"negative, ties counting one half. There are ${n_pos} \\times {n_neg} = {pairs}$ "
        f"(positive, negative) pairs. Against the negatives' scores "
        f"$({', '.join(num(s) for s in neg)})$, the positive scoring {per_pos}. In all "
        f"{wins} won and {ties} tied pairs:\n\n"
        f"$$\\text{{AUC}} = \\frac{{{wins} + \\tfrac12 \\cdot {ties}}}{{{pairs}}} "
        f"\\approx {num(auc)}.$$\n\n"
        "On the ROC curve each tied group moves diagonally, and the trapezoid under that "
        "segment is exactly the half credit.",
    )
