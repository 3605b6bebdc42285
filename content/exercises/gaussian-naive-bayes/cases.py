from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _classes(rng: np.random.Generator, n: int, k: int, d: int, sep: float):
    weights = rng.dirichlet(np.full(k, 2.0))  # unequal class sizes: priors matter
    y = rng.choice(k, size=n, p=weights)
    y[:k] = np.arange(k)  # every class has rows
    means = rng.normal(scale=sep, size=(k, d))
    scales = rng.uniform(0.5, 2.0, size=(k, d))
    return means[y] + scales[y] * rng.normal(size=(n, d)), y, means


def cases(rng: np.random.Generator) -> list[Case]:
    ex_X = np.array([[0.0], [2.0], [4.0], [6.0], [8.0]])
    ex_y = np.array([0, 0, 1, 1, 1])
    hidden = []
    for n, m, k, d in [(20, 5, 2, 1), (200, 30, 3, 4), (1000, 100, 5, 8)]:
        X, y, means = _classes(rng, n + m, k, d, 2.0)
        hidden.append(Case(f"hidden: n={n}, m={m}, {k} classes, d={d}",
                           args=(X[:n], y[:n], X[n:])))
    X, y, means = _classes(rng, 150, 3, 5, 2.0)
    far = means[0] + rng.choice([-1.0, 1.0], size=(6, 5)) * rng.uniform(40, 80, size=(6, 5))
    Xc = X.copy()
    Xc[y == 1, 2] = 3.0  # a feature that is constant within class 1
    return [
        Case("example: one feature, two classes",
             args=(ex_X, ex_y, np.array([[3.0], [1.0], [7.0]])), visible=True),
        Case("example: two features",
             args=(np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [5.0, 5.0], [6.0, 4.0],
                             [5.0, 6.0]]), np.array([0, 0, 0, 1, 1, 1]),
                   np.array([[0.5, 0.5], [5.0, 5.0], [3.0, 3.0]])), visible=True),
        *hidden,
        Case("hidden: test points far from every class (densities underflow)",
             args=(X[:120], y[:120], far)),
        Case("hidden: var_smoothing=0.5", args=(X[:120], y[:120], X[120:]),
             kwargs={"var_smoothing": 0.5}),
        Case("edge: a feature constant within one class", args=(Xc[:120], y[:120], X[120:]),
             kind="edge"),
        Case("edge: a single training row per class",
             args=(np.array([[0.0, 1.0], [2.0, 2.0]]), np.array([1, 0]), X[:4, :2]),
             kwargs={"var_smoothing": 1.0}, kind="edge"),
        Case("edge: class 1 has no rows", args=(X[:20], np.where(y[:20] == 1, 2, y[:20]),
                                                X[20:25]),
             raises=ValueError, kind="edge", reason="a class with no training rows"),
        Case("edge: var_smoothing=0", args=(X[:20], y[:20], X[20:25]),
             kwargs={"var_smoothing": 0.0}, raises=ValueError, kind="edge",
             reason="var_smoothing = 0"),
        Case("edge: column counts differ", args=(X[:20], y[:20], X[20:25, :3]),
             raises=ValueError, kind="edge", reason="5 columns in X_train and 3 in X_test"),
        Case("edge: rows and labels differ in number", args=(X[:20], y[:19], X[20:25]),
             raises=ValueError, kind="edge", reason="20 rows and 19 labels"),
    ]


def _fit_predict(X, y, T, var_smoothing=1e-9, ddof=0, prior=True, normalise=True):
    X, T = np.asarray(X, float), np.asarray(T, float)
    y = np.asarray(y, int)
    K = y.max() + 1
    mu = np.array([X[y == c].mean(0) for c in range(K)])
    var = np.array([X[y == c].var(0, ddof=ddof) for c in range(K)]) + var_smoothing
    ll = -0.5 * (np.log(2 * np.pi * var)[None] + (T[:, None] - mu[None]) ** 2 / var[None]).sum(2)
    joint = ll + (np.log(np.bincount(y) / len(y))[None] if prior else 0.0)
    if not normalise:
        return joint
    top = joint.max(1, keepdims=True)
    return joint - top - np.log(np.exp(joint - top).sum(1, keepdims=True))


MISTAKES = [
    Mistake(
        "variance with ddof=1",
        wrong=lambda X, y, T, var_smoothing=1e-9: _fit_predict(X, y, T, var_smoothing, ddof=1),
        hint="The variances divide by n_c - 1; here they divide by n_c (ddof=0), the "
        "maximum-likelihood estimate, before var_smoothing is added.",
    ),
    Mistake(
        "no prior",
        wrong=lambda X, y, T, var_smoothing=1e-9: _fit_predict(X, y, T, var_smoothing,
                                                               prior=False),
        hint="The class priors are missing: add log(n_c / n) to each class's log-likelihood "
        "before normalising.",
    ),
    Mistake(
        "not normalised",
        wrong=lambda X, y, T, var_smoothing=1e-9: _fit_predict(X, y, T, var_smoothing,
                                                               normalise=False),
        hint="These are joint log scores log P(c) + log p(x | c). Subtract the log-sum-exp of "
        "each row so that the posteriors sum to 1.",
    ),
]

NONFINITE_HINT = (
    "nan or -inf: for a test point far from every class the densities underflow to 0 and "
    "0 / 0 is nan. Add log-densities instead of multiplying densities, and normalise with "
    "log-sum-exp (subtract the row maximum before exponentiating)."
)
