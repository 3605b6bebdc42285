from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _noisy_predictions(rng: np.random.Generator, y: np.ndarray, k: int, accuracy: float):
    wrong = rng.random(y.size) > accuracy
    pred = y.copy()
    pred[wrong] = rng.integers(0, k, size=int(wrong.sum()))
    return pred


def cases(rng: np.random.Generator) -> list[Case]:
    def exact(name: str, t, p, k: int, **kw) -> Case:
        return Case(name, args=(np.asarray(t), np.asarray(p), k), check="exact", dtype="int",
                    **kw)

    hidden = []
    for n, k, acc in [(20, 2, 0.8), (200, 4, 0.6), (5000, 10, 0.7)]:
        y = rng.integers(0, k, size=n)
        hidden.append(exact(f"hidden: n={n}, {k} classes", y, _noisy_predictions(rng, y, k, acc),
                            k))
    # The last class never occurs in either array: the table must still be (k, k).
    y = rng.integers(0, 3, size=40)
    missing_last = exact("hidden: class 4 of 5 never occurs", y, _noisy_predictions(rng, y, 3, 0.5),
                         5)
    y = rng.integers(0, 3, size=30)
    return [
        exact("example: 3 classes, 6 examples", [0, 0, 1, 1, 1, 2], [0, 1, 1, 1, 0, 2], 3,
              visible=True),
        exact("example: binary, no class-1 predictions", [1, 0, 1, 1], [0, 0, 0, 0], 2,
              visible=True),
        *hidden,
        missing_last,
        # Every prediction wrong in the same direction: only the transposed table tells.
        exact("edge: every 0 predicted as 2", np.zeros(7, dtype=int), np.full(7, 2), 3,
              kind="edge"),
        exact("edge: no examples at all", np.zeros(0, dtype=int), np.zeros(0, dtype=int), 2,
              kind="edge"),
        exact("edge: a single class", np.zeros(5, dtype=int), np.zeros(5, dtype=int), 1,
              kind="edge"),
        Case("edge: lengths differ", args=(y, y[:-1], 3), raises=ValueError, kind="edge",
             reason="arrays of different lengths"),
        Case("edge: a predicted label equal to n_classes", args=(y, np.where(y == 2, 3, y), 3),
             raises=ValueError, kind="edge", reason="a label outside 0 .. n_classes - 1"),
        Case("edge: a negative true label", args=(np.where(y == 0, -1, y), y, 3),
             raises=ValueError, kind="edge", reason="a negative label"),
        Case("edge: n_classes = 0", args=(np.zeros(0, dtype=int), np.zeros(0, dtype=int), 0),
             raises=ValueError, kind="edge", reason="n_classes < 1"),
    ]


def _table(t, p, k: int) -> np.ndarray:
    t, p = np.asarray(t, dtype=np.int64), np.asarray(p, dtype=np.int64)
    return np.bincount(t * k + p, minlength=k * k).reshape(k, k)


MISTAKES = [
    Mistake(
        "rows are predictions",
        wrong=lambda t, p, k: _table(t, p, k).T,
        hint="Your table is transposed: rows must be the TRUE classes and columns the predicted "
        "ones (C[true, predicted]).",
    ),
]
