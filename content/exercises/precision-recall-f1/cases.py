from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("scalar", "scalar", "scalar")


def _classifier(rng: np.random.Generator, n: int, rate: float, tpr: float, fpr: float):
    t = (rng.random(n) < rate).astype(int)
    p = np.where(t == 1, rng.random(n) < tpr, rng.random(n) < fpr).astype(int)
    # Keep TP, FP and FN all positive so the hidden cases test the formulas, not the guards.
    t[:3], p[:3] = (1, 0, 1), (1, 1, 0)
    return t, p


def cases(rng: np.random.Generator) -> list[Case]:
    hidden = [
        Case(f"hidden: n={n}, {int(rate * 100)}% positives", args=_classifier(rng, n, rate, tpr, fpr),
             check=CHECK)
        for n, rate, tpr, fpr in [(12, 0.5, 0.6, 0.3), (300, 0.2, 0.5, 0.05),
                                  (5000, 0.02, 0.9, 0.01)]
    ]
    t = (rng.random(20) < 0.4).astype(int)
    t[0] = 1
    return [
        Case("example: 6 labels", args=(np.array([1, 1, 1, 0, 0, 1]), np.array([1, 0, 1, 1, 0, 0])),
             visible=True, check=CHECK),
        Case("example: perfect predictions",
             args=(np.array([0, 1, 1, 0]), np.array([0, 1, 1, 0])), visible=True, check=CHECK),
        *hidden,
        Case("edge: never predicts positive", args=(t, np.zeros_like(t)), check=CHECK,
             kind="edge"),
        Case("edge: no actual positives", args=(np.zeros(10, dtype=int), (rng.random(10) < 0.5)
                                                .astype(int)), check=CHECK, kind="edge"),
        Case("edge: predicts positive for everything", args=(t, np.ones_like(t)), check=CHECK,
             kind="edge"),
        Case("edge: lengths differ", args=(t, t[:-2]), raises=ValueError, kind="edge",
             reason="arrays of different lengths"),
        Case("edge: empty arrays", args=(np.zeros(0, dtype=int), np.zeros(0, dtype=int)),
             raises=ValueError, kind="edge", reason="empty arrays"),
        Case("edge: a label 2", args=(np.where(t == 1, 2, t), t), raises=ValueError,
             kind="edge", reason="a label other than 0 or 1"),
    ]


def _counts(t, p) -> tuple[int, int, int]:
    t, p = np.asarray(t), np.asarray(p)
    return (int(np.sum((t == 1) & (p == 1))), int(np.sum((t == 0) & (p == 1))),
            int(np.sum((t == 1) & (p == 0))))


def _swapped(t, p):
    tp, fp, fn = _counts(t, p)
    prec, rec = tp / (tp + fn), tp / (tp + fp)
    return prec, rec, 2 * prec * rec / (prec + rec)


def _arithmetic(t, p):
    tp, fp, fn = _counts(t, p)
    prec, rec = tp / (tp + fp), tp / (tp + fn)
    return prec, rec, (prec + rec) / 2


MISTAKES = [
    Mistake(
        "precision and recall swapped",
        wrong=_swapped,
        hint="Precision and recall are swapped: precision divides TP by the predicted positives "
        "(TP + FP), recall by the actual positives (TP + FN).",
    ),
    Mistake(
        "arithmetic mean for F1",
        wrong=_arithmetic,
        hint="F1 is the harmonic mean 2PR / (P + R), not the arithmetic mean (P + R) / 2.",
    ),
]

NONFINITE_HINT = (
    "a 0/0 gave nan: when there are no predicted positives (or no actual positives) the "
    "statement asks for 0.0 instead of dividing."
)
