from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _data(rng: np.random.Generator, n: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    X = rng.normal(size=(n, d))
    return X, X @ rng.normal(size=d) + 0.5 * rng.normal(size=n)


def cases(rng: np.random.Generator) -> list[Case]:
    dup = rng.normal(size=(30, 2))
    dup = np.hstack([dup, dup[:, [0]]])
    return [
        Case("example: one feature, lam=1",
             args=(np.array([[1.0], [2.0]]), np.array([1.0, 2.0]), 1.0), visible=True),
        Case("example: two features, lam=2",
             args=(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]), np.array([1.0, 2.0, 3.0]),
                   2.0), visible=True),
        *[Case(f"hidden: random n={n}, d={d}, lam={lam}", args=(*_data(rng, n, d), lam))
          for n, d, lam in [(20, 3, 0.1), (100, 10, 1.0), (500, 20, 10.0), (50, 5, 0.0)]],
        Case("edge: duplicated feature gets equal weights", args=(dup, rng.normal(size=30), 1.0),
             kind="edge"),
        Case("edge: more features than examples", args=(*_data(rng, 5, 12), 0.5), kind="edge"),
        Case("edge: huge lam shrinks w towards 0", args=(*_data(rng, 40, 4), 1e8), kind="edge"),
        Case("edge: negative lam", args=(*_data(rng, 10, 2), -1.0), raises=ValueError,
             kind="edge"),
        Case("edge: y of the wrong length", args=(np.ones((4, 2)), np.ones(3), 1.0),
             raises=ValueError, kind="edge"),
    ]


def _ridge(X: np.ndarray, y: np.ndarray, lam: float) -> np.ndarray:
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    return np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)


MISTAKES = [
    Mistake(
        "penalty forgotten",
        wrong=lambda X, y, lam: np.linalg.pinv(np.asarray(X, dtype=float)) @ np.asarray(y),
        hint="This is the ordinary least-squares fit: the penalty adds lam to the diagonal of "
        "X^T X before solving.",
    ),
    Mistake(
        "penalty scaled by n",
        wrong=lambda X, y, lam: _ridge(X, y, lam * len(y)),
        hint="You used n * lam (the scaling of a *mean* squared error). Here the loss is the "
        "plain sum of squares plus lam ||w||^2.",
    ),
    Mistake(
        "penalty halved",
        wrong=lambda X, y, lam: _ridge(X, y, lam / 2),
        hint="Your weights are shrunk too little: you used lam / 2 (the convention of a loss "
        "with 1/2 in front of the squared error, as in the lasso exercise). Here the loss is "
        "||Xw - y||^2 + lam ||w||^2, so the system is (X^T X + lam I) w = X^T y.",
    ),
    Mistake(
        "penalty doubled",
        wrong=lambda X, y, lam: _ridge(X, y, 2 * lam),
        hint="Your weights are shrunk too much: both terms of the gradient carry the same "
        "factor 2, which cancels, so the diagonal gets lam, not 2 * lam.",
    ),
    Mistake(
        "lam added to every entry",
        wrong=lambda X, y, lam: np.linalg.solve(
            np.asarray(X, dtype=float).T @ np.asarray(X, dtype=float) + lam,
            np.asarray(X, dtype=float).T @ np.asarray(y, dtype=float)),
        hint="X^T X + lam adds lam to every entry; the penalty adds lam * I, only to the "
        "diagonal.",
    ),
]
