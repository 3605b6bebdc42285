from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _split(rng: np.random.Generator, n: int, m: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    scale = rng.uniform(0.1, 100.0, size=d)
    shift = rng.normal(size=d) * 50
    return (rng.normal(size=(n, d)) * scale + shift, rng.normal(size=(m, d)) * scale + shift)


def cases(rng: np.random.Generator) -> list[Case]:
    with_constant = list(_split(rng, 3, 4, 3))
    with_constant[0][:, 1] = 0.1
    return [
        Case("example: 2x2 with a constant column",
             args=(np.array([[1.0, 10.0], [3.0, 10.0]]), np.array([[2.0, 12.0]])), visible=True),
        Case("example: one feature",
             args=(np.array([[2.0], [4.0], [6.0], [8.0]]), np.array([[5.0], [10.0]])),
             visible=True),
        *[Case(f"hidden: random train n={n}, test m={m}, d={d}", args=_split(rng, n, m, d))
          for n, m, d in [(5, 3, 2), (100, 40, 5), (1000, 200, 20)]],
        Case("hidden: test data from a shifted distribution",
             args=(rng.normal(size=(50, 3)), rng.normal(5.0, 3.0, size=(20, 3)))),
        Case("edge: constant column of 0.1 (std is ~1e-17, not 0)", args=tuple(with_constant),
             kind="edge"),
        Case("edge: a single training row (every column constant)",
             args=(np.array([[1.0, 2.0, 3.0]]), np.array([[2.0, 2.0, 2.0]])), kind="edge"),
        Case("edge: empty test set", args=(np.array([[1.0, 0.0], [3.0, 1.0]]), np.zeros((0, 2))),
             kind="edge"),
        Case("edge: integer data", args=(np.array([[1, 5], [2, 7], [6, 9]]), np.array([[0, 0]])),
             kind="edge"),
        Case("edge: column counts differ", args=(np.ones((3, 2)), np.ones((2, 3))),
             raises=ValueError, kind="edge"),
        Case("edge: 1-D inputs", args=(np.array([1.0, 2.0, 3.0]), np.array([2.0])),
             raises=ValueError, kind="edge", reason="1-D inputs (X_train and X_test must be 2-D)"),
        Case("edge: 3-D training data", args=(np.ones((2, 3, 2)), np.ones((1, 2))),
             raises=ValueError, kind="edge"),
        Case("edge: no training rows", args=(np.zeros((0, 2)), np.ones((1, 2))),
             raises=ValueError, kind="edge"),
    ]


def _stats(X: np.ndarray, ddof: int = 0) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=float)
    sigma = X.std(axis=0, ddof=ddof) if X.shape[0] > ddof else np.ones(X.shape[1])
    return X.mean(axis=0), np.where(np.ptp(X, axis=0) == 0, 1.0, sigma)


def _own_stats(X_train: np.ndarray, X_test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    X_test = np.asarray(X_test, dtype=float)
    mu, sd = _stats(X_train)
    if X_test.shape[0]:
        mu_t, sd_t = _stats(X_test)
        return (np.asarray(X_train, dtype=float) - mu) / sd, (X_test - mu_t) / sd_t
    return (np.asarray(X_train, dtype=float) - mu) / sd, X_test


def _ddof1(X_train: np.ndarray, X_test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mu, sd = _stats(X_train, ddof=1)
    return ((np.asarray(X_train, dtype=float) - mu) / sd,
            (np.asarray(X_test, dtype=float) - mu) / sd)


def _std_equals_zero(X_train: np.ndarray, X_test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    X_train = np.asarray(X_train, dtype=float)
    mu, sigma = X_train.mean(axis=0), X_train.std(axis=0)
    sigma = np.where(sigma == 0, 1.0, sigma)
    return (X_train - mu) / sigma, (np.asarray(X_test, dtype=float) - mu) / sigma


MISTAKES = [
    Mistake(
        "constant columns found with std == 0",
        wrong=_std_equals_zero,
        hint="A constant column slipped through your std == 0 test: the computed standard "
        "deviation of (0.1, 0.1, 0.1) is about 1e-17, not 0, and dividing by it turns rounding "
        "noise into values near +-1. Test constancy with np.ptp(X_train, axis=0) == 0.",
    ),
    Mistake(
        "test set standardised with its own statistics",
        wrong=_own_stats,
        hint="Your test z-scores use the test set's own mean and std: that is data leakage. "
        "Transform the test set with the *training* mean and std.",
    ),
    Mistake(
        "ddof=1",
        wrong=_ddof1,
        hint="Your values are a factor sqrt((n-1)/n) too small: use the standard deviation with "
        "ddof=0 (divide by n), NumPy's default.",
    ),
]

NONFINITE_HINT = (
    "division by zero: a constant training column has standard deviation 0 (or ~1e-17). "
    "Detect it with np.ptp(column) == 0 and divide by 1 instead."
)
