from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

CHECK = ("scalar", "allclose", "allclose", "allclose", "allclose")


def _net(rng: np.random.Generator, N: int, D: int, H: int, C: int, scale: float = 1.0) -> tuple:
    return (
        rng.normal(size=(N, D)),
        rng.integers(0, C, size=N),
        rng.normal(size=(D, H)) * scale / np.sqrt(D),
        rng.normal(size=H) * 0.1,
        rng.normal(size=(H, C)) * scale / np.sqrt(H),
        rng.normal(size=C) * 0.1,
    )


def cases(rng: np.random.Generator) -> list[Case]:
    zero_row = list(_net(rng, 4, 3, 5, 3))
    zero_row[0][1] = 0.0  # with b1 = 0 this example's pre-activations are exactly 0
    zero_row[3] = np.zeros(5)
    return [
        Case("example: one example, identity weights",
             args=(np.array([[1.0, 2.0]]), np.array([0]), np.eye(2), np.zeros(2), np.eye(2),
                   np.zeros(2)), visible=True, check=CHECK),
        Case("example: two examples, 3 hidden units, 2 classes",
             args=(np.array([[1.0, -1.0], [0.5, 2.0]]), np.array([1, 0]),
                   np.array([[1.0, -1.0, 0.5], [0.5, 1.0, -1.0]]), np.array([0.1, 0.0, -0.1]),
                   np.array([[1.0, -1.0], [0.0, 2.0], [-1.0, 1.0]]), np.array([0.0, 0.5])),
             visible=True, check=CHECK),
        *[Case(f"hidden: random N={N}, D={D}, H={H}, C={C}", args=_net(rng, N, D, H, C),
               check=CHECK)
          for N, D, H, C in [(1, 1, 1, 2), (8, 4, 6, 3), (64, 20, 32, 10), (200, 10, 50, 5)]],
        Case("edge: scores in the hundreds (stable softmax needed)",
             args=_net(rng, 16, 5, 8, 4, scale=200.0), check=CHECK, kind="edge"),
        Case("edge: pre-activations exactly 0 (ReLU'(0) = 0)", args=tuple(zero_row),
             check=CHECK, kind="edge"),
        Case("edge: label out of range",
             args=(np.ones((2, 2)), np.array([0, 3]), np.eye(2), np.zeros(2), np.eye(2),
                   np.zeros(2)), raises=ValueError, kind="edge"),
    ]


def _backward(
    X: np.ndarray, y: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray,
    b2: np.ndarray, *, mean: bool = True, mask: str = ">",
) -> tuple[float, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=float)
    N = X.shape[0]
    Z1 = X @ W1 + b1
    A1 = np.maximum(0.0, Z1)
    S = A1 @ W2 + b2
    S = S - S.max(axis=1, keepdims=True)
    # Log-softmax keeps these wrong answers finite: an inf here would "match" any student's
    # overflowing inf and show this hint instead of the overflow one.
    log_P = S - np.log(np.exp(S).sum(axis=1, keepdims=True))
    loss = -log_P[np.arange(N), y].sum()
    dS = np.exp(log_P)
    dS[np.arange(N), y] -= 1.0
    if mean:
        dS /= N
        loss /= N
    dZ1 = dS @ W2.T
    if mask == ">":
        dZ1 = dZ1 * (Z1 > 0)
    elif mask == ">=":
        dZ1 = dZ1 * (Z1 >= 0)
    return float(loss), X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dS, dS.sum(axis=0)


MISTAKES = [
    Mistake(
        "ReLU derivative 1 at 0",
        wrong=lambda *a: _backward(*a, mask=">="),
        hint="Where a pre-activation Z1 is exactly 0 your gradient flows through ReLU; the "
        "convention here is ReLU'(0) = 0, so mask with (Z1 > 0), not (Z1 >= 0).",
    ),
    Mistake(
        "summed instead of averaged",
        wrong=lambda *a: _backward(*a, mean=False),
        hint="Your loss and gradients are N times too large: the loss is the *mean* over the "
        "batch, so dL/dS = (P - Y) / N.",
    ),
    Mistake(
        "ReLU derivative missing",
        wrong=lambda *a: _backward(*a, mask="none"),
        hint="dW1 and db1 are off: the gradient flowing back through ReLU must be zeroed where "
        "Z1 <= 0 (multiply by (Z1 > 0)).",
    ),
]

NONFINITE_HINT = (
    "overflow in exp or log(0): with scores in the hundreds, subtract each row's maximum before "
    "exponentiating, and take the loss from log-softmax (S - max - log(sum(exp(S - max)))) "
    "rather than log(P), because P of the true class can underflow to 0."
)
