"""Precision, recall and F1 of the positive class, read off a 2x2 confusion matrix."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, mat, num, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    tp = int(rng.integers(5, 61))
    fp = int(rng.integers(1, 41))
    fn = int(rng.integers(1, 41))
    tn = int(rng.integers(20, 201))
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    f1 = 2 * tp / (2 * tp + fp + fn)
    mean = (precision + recall) / 2
    # Both anticipated mistakes must land outside the 0.1% tolerance: swapping needs
    # precision and recall apart, and the arithmetic mean differs from the harmonic one by
    # (p - r)^2 / (2 (p + r)).
    require(abs(precision - recall) > 0.1)
    require(abs(mean - f1) > 0.005 * f1)
    C = np.array([[tn, fp], [fn, tp]])
    return dict(
        params={"C": C},
        prompt="A binary classifier is tested on "
        f"{tn + fp + fn + tp} examples. Its confusion matrix (rows: true class 0, 1; "
        "columns: predicted class 0, 1; class 1 is the positive class) is\n\n"
        f"$$C = {mat(C)}.$$\n\n"
        "Give the precision, recall and $F_1$ score of class 1 as `[precision, recall, F1]`. "
        "Fractions are fine; each entry earns a third.",
        answer=answer([precision, recall, f1], mode="relative", tol=1e-3, partial=True),
        feedback=[
            feedback(
                "swapped-precision-recall",
                [recall, precision, f1],
                "Precision and recall are swapped. Precision divides TP by everything "
                "predicted positive (the column, TP + FP); recall divides TP by everything "
                "truly positive (the row, TP + FN).",
                credit=0.5,
            ),
            feedback(
                "arithmetic-mean",
                [precision, recall, mean],
                "Precision and recall are right, but F1 is their harmonic mean "
                "2PR/(P + R), not the arithmetic mean (P + R)/2.",
                credit=2 / 3,
            ),
        ],
        solution=f"With rows for the true class, $TN = {tn}$, $FP = {fp}$ (top right), "
        f"$FN = {fn}$ (bottom left) and $TP = {tp}$.\n\n"
        f"$$\\text{{precision}} = \\frac{{TP}}{{TP + FP}} = \\frac{{{tp}}}{{{tp + fp}}} "
        f"\\approx {num(precision)}, \\qquad "
        f"\\text{{recall}} = \\frac{{TP}}{{TP + FN}} = \\frac{{{tp}}}{{{tp + fn}}} "
        f"\\approx {num(recall)},$$\n\n"
        f"$$F_1 = \\frac{{2\\,TP}}{{2\\,TP + FP + FN}} = \\frac{{{2 * tp}}}{{{2 * tp + fp + fn}}}"
        f" \\approx {num(f1)}.$$\n\n"
        f"The harmonic mean sits below the arithmetic mean ${num(mean)}$, closer to the "
        "smaller of the two ratios.",
    )
