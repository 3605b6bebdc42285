from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _problem(rng: np.random.Generator, n: int, d: int, epochs: int) -> tuple:
    X = np.hstack([np.ones((n, 1)), rng.normal(size=(n, d - 1))])
    y = X @ rng.normal(size=d) + 0.3 * rng.normal(size=n)
    order = np.array([rng.permutation(n) for _ in range(epochs)], dtype=np.int64)
    return X, y, rng.normal(size=d) * 0.1, order


def _hidden(rng: np.random.Generator, n: int, d: int, b: int, epochs: int, lr: float) -> Case:
    X, y, w0, order = _problem(rng, n, d, epochs)
    return Case(f"hidden: n={n}, d={d}, batch {b}, {epochs} epochs", args=(X, y, w0, lr, b, order))


def cases(rng: np.random.Generator) -> list[Case]:
    X, y, w0, order = _problem(rng, 10, 2, 2)
    repeated = order.copy()
    repeated[1, 0] = repeated[1, 1]
    return [
        Case("example: one epoch, batches of 2 and 1",
             args=(np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]), np.array([1.0, 2.0, 4.0]),
                   np.zeros(2), 0.1, 2, np.array([[2, 0, 1]])), visible=True),
        Case("example: two epochs, batches of 2",
             args=(np.array([[1.0, -1.0], [1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]),
                   np.array([0.0, 1.0, 1.0, 3.0]), np.array([0.5, 0.0]), 0.05, 2,
                   np.array([[3, 1, 0, 2], [0, 2, 3, 1]])), visible=True),
        *[_hidden(rng, n, d, b, e, lr)
          for n, d, b, e, lr in [(7, 2, 3, 2, 0.05), (50, 4, 8, 5, 0.02), (203, 6, 16, 10, 0.01)]],
        Case("edge: batch size 1 (plain SGD)", args=(X, y, w0, 0.02, 1, order), kind="edge"),
        Case("edge: batch size >= n (full-batch gradient descent)",
             args=(X, y, w0, 0.05, 64, order), kind="edge"),
        Case("edge: zero epochs returns w0", args=(X, y, w0, 0.05, 4,
                                                  np.zeros((0, 10), dtype=np.int64)),
             kind="edge"),
        Case("edge: a row of order repeats an index", args=(X, y, w0, 0.05, 4, repeated),
             raises=ValueError, kind="edge", reason="an order row that is not a permutation"),
        Case("edge: order of the wrong width", args=(X, y, w0, 0.05, 4, order[:, :9]),
             raises=ValueError, kind="edge", reason="order rows of length 9 for 10 examples"),
        Case("edge: batch size 0", args=(X, y, w0, 0.05, 0, order), raises=ValueError,
             kind="edge", reason="batch_size = 0"),
        Case("edge: non-positive learning rate", args=(X, y, w0, 0.0, 4, order),
             raises=ValueError, kind="edge", reason="lr = 0"),
        Case("edge: w0 of the wrong length", args=(X, y, np.zeros(3), 0.05, 4, order),
             raises=ValueError, kind="edge", reason="w0 of length 3 for 2 features"),
    ]


def _variant(X: np.ndarray, y: np.ndarray, w0: np.ndarray, lr: float, batch_size: int,
             order: np.ndarray, *, divisor: str = "m", factor: float = 2.0,
             shuffle: bool = True) -> np.ndarray:
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w = np.array(w0, dtype=float)
    n = len(y)
    for epoch in np.asarray(order):
        sequence = epoch if shuffle else np.arange(n)
        for start in range(0, n, batch_size):
            idx = sequence[start:start + batch_size]
            m = {"m": len(idx), "B": batch_size, "1": 1}[divisor]
            w -= lr * factor * X[idx].T @ (X[idx] @ w - y[idx]) / m
    return w


MISTAKES = [
    Mistake(
        "order ignored",
        wrong=lambda *a: _variant(*a, shuffle=False),
        hint="You visit the examples as 0, 1, 2, ... every epoch: take the indices of each "
        "epoch from its row of order.",
    ),
    Mistake(
        "last batch divided by batch_size",
        wrong=lambda *a: _variant(*a, divisor="B"),
        hint="Almost: the last batch of an epoch holds fewer than batch_size examples. Divide "
        "its gradient by its own length, len(idx).",
    ),
    Mistake(
        "summed batch gradient",
        wrong=lambda *a: _variant(*a, divisor="1"),
        hint="The batch loss is a mean over the batch: divide the gradient by the batch's size.",
    ),
    Mistake(
        "factor 2 missing",
        wrong=lambda *a: _variant(*a, factor=1.0),
        hint="The derivative of (x^T w - y)^2 is 2 (x^T w - y) x: the factor 2 is missing.",
    ),
]
