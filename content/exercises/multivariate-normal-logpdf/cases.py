from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _spd(rng: np.random.Generator, d: int, low: float = 0.5, high: float = 3.0) -> np.ndarray:
    Q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    cov = (Q * rng.uniform(low, high, size=d)) @ Q.T
    return (cov + cov.T) / 2  # exactly symmetric


def _problem(rng: np.random.Generator, n: int, d: int, low: float = 0.5,
             high: float = 3.0) -> tuple:
    mean = rng.normal(size=d)
    cov = _spd(rng, d, low, high)
    X = mean + rng.normal(size=(n, d)) @ np.linalg.cholesky(cov).T
    return X, mean, cov


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: standard 2-D normal at (0, 0) and (1, 1)",
             args=(np.array([[0.0, 0.0], [1.0, 1.0]]), np.zeros(2), np.eye(2)), visible=True),
        Case("example: correlated 2-D normal",
             args=(np.array([[1.0, 2.0], [0.0, 0.0]]), np.array([1.0, 1.0]),
                   np.array([[2.0, 0.5], [0.5, 1.0]])), visible=True),
        Case("hidden: 1-D normal", args=_problem(rng, 5, 1)),
        *[Case(f"hidden: random n={n}, d={d}", args=_problem(rng, n, d))
          for n, d in [(3, 3), (100, 5), (20, 30)]],
        Case("edge: d=60 with variances ~1e-6 (det underflows)",
             args=_problem(rng, 4, 60, 5e-7, 2e-6), kind="edge"),
        Case("edge: d=50 with variances ~1e7 (det overflows)",
             args=_problem(rng, 4, 50, 5e6, 2e7), kind="edge"),
        Case("edge: ill-conditioned covariance (cond 1e6)",
             args=_problem(rng, 10, 4, 1e-6, 1.0), kind="edge"),
        Case("edge: a point far in the tail", args=(np.array([[40.0, -40.0]]), np.zeros(2),
                                                    np.eye(2)), kind="edge"),
        Case("edge: covariance not positive definite",
             args=(np.zeros((1, 2)), np.zeros(2), np.array([[1.0, 2.0], [2.0, 1.0]])),
             raises=ValueError, kind="edge"),
        Case("edge: mean of the wrong length", args=(np.zeros((2, 3)), np.zeros(2), np.eye(3)),
             raises=ValueError, kind="edge"),
    ]


def _parts(X: np.ndarray, mean: np.ndarray, cov: np.ndarray) -> tuple[np.ndarray, float, int]:
    X, mean, cov = (np.asarray(a, dtype=float) for a in (X, mean, cov))
    L = np.linalg.cholesky(cov)
    Z = np.linalg.solve(L, (X - mean).T)
    return (Z * Z).sum(axis=0), 2.0 * float(np.log(np.diag(L)).sum()), X.shape[1]


def _no_half(X: np.ndarray, mean: np.ndarray, cov: np.ndarray) -> np.ndarray:
    maha, log_det, d = _parts(X, mean, cov)
    return -0.5 * (d * np.log(2 * np.pi) + log_det) - maha


def _no_log_det(X: np.ndarray, mean: np.ndarray, cov: np.ndarray) -> np.ndarray:
    maha, _, d = _parts(X, mean, cov)
    return -0.5 * (d * np.log(2 * np.pi) + maha)


def _cov_not_inverse(X: np.ndarray, mean: np.ndarray, cov: np.ndarray) -> np.ndarray:
    X, mean, cov = (np.asarray(a, dtype=float) for a in (X, mean, cov))
    D = X - mean
    _, log_det, d = _parts(X, mean, cov)
    return -0.5 * (d * np.log(2 * np.pi) + log_det + np.einsum("ij,jk,ik->i", D, cov, D))


MISTAKES = [
    Mistake(
        "Mahalanobis term not halved",
        wrong=_no_half,
        hint="The whole bracket, including the quadratic form, is multiplied by -1/2.",
    ),
    Mistake(
        "log-determinant missing",
        wrong=_no_log_det,
        hint="You left out log det(cov), the normalising term that makes the density integrate "
        "to 1.",
    ),
    Mistake(
        "used cov instead of its inverse",
        wrong=_cov_not_inverse,
        hint="The quadratic form uses the *inverse* covariance: solve cov z = x - mean (or use "
        "the Cholesky factor) instead of multiplying by cov.",
    ),
]

NONFINITE_HINT = (
    "det(cov) under- or overflowed (log of 0 or inf). Get log det from the Cholesky factor, "
    "2 * sum(log(diag(L))), or from np.linalg.slogdet, never from np.linalg.det."
)
