"""Accuracy against balanced accuracy for an imbalanced binary problem."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, mat, num, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    negatives = int(rng.integers(15, 91)) * 10
    positives = int(rng.integers(10, 61))
    tn = negatives - int(rng.integers(2, negatives // 10 + 1))
    tp = int(rng.integers(1, positives))
    fp, fn = negatives - tn, positives - tp
    accuracy = (tp + tn) / (negatives + positives)
    tnr, tpr = tn / negatives, tp / positives
    balanced = (tnr + tpr) / 2
    require(abs(accuracy - balanced) > 0.03)  # so swapping the two is a wrong answer
    C = np.array([[tn, fp], [fn, tp]])
    return dict(
        params={"C": C},
        prompt="A classifier is tested on an imbalanced set. Its confusion matrix (rows: "
        "true class 0, 1; columns: predicted class 0, 1) is\n\n"
        f"$$C = {mat(C)}.$$\n\n"
        "The **balanced accuracy** is the mean of the per-class recalls, "
        "$\\tfrac12\\left(\\frac{TN}{TN + FP} + \\frac{TP}{TP + FN}\\right)$. "
        "Give `[accuracy, balanced accuracy]`. Fractions are fine; each entry earns half.",
        answer=answer([accuracy, balanced], mode="relative", tol=1e-3, partial=True),
        feedback=[
            feedback(
                "swapped",
                [balanced, accuracy],
                "The two values are swapped. Accuracy is the trace over the total; balanced "
                "accuracy averages the recall of each class, so each class weighs the same "
                "whatever its size.",
                credit=0.5,
            ),
        ],
        solution=f"There are {negatives} negatives and {positives} positives.\n\n"
        f"$$\\text{{accuracy}} = \\frac{{TN + TP}}{{n}} = \\frac{{{tn} + {tp}}}"
        f"{{{negatives + positives}}} \\approx {num(accuracy)}.$$\n\n"
        f"Recall of class 0 (specificity) $= {tn}/{negatives} \\approx {num(tnr)}$, "
        f"recall of class 1 (sensitivity) $= {tp}/{positives} \\approx {num(tpr)}$, so\n\n"
        f"$$\\text{{balanced accuracy}} = \\tfrac12({num(tnr)} + {num(tpr)}) "
        f"\\approx {num(balanced)}.$$\n\n"
        f"A model that predicts class 0 for everything would score accuracy "
        f"${num(negatives / (negatives + positives))}$ but balanced accuracy $0.5$: on "
        "imbalanced data accuracy mostly measures the imbalance.",
    )
