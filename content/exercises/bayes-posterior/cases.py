from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake


def _coin_flips(rng: np.random.Generator, m: int, biases: np.ndarray, true: float) -> np.ndarray:
    """Likelihood table of m flips of a coin with P(heads) = true, under each bias hypothesis."""
    heads = rng.random(m) < true
    return np.where(heads[:, None], biases[None, :], 1.0 - biases[None, :])


def cases(rng: np.random.Generator) -> list[Case]:
    biases = np.array([0.3, 0.5, 0.7])
    uniform3 = np.full(3, 1 / 3)
    dirichlet = rng.dirichlet(np.ones(6))
    return [
        Case("example: rare disease, one positive test",
             args=(np.array([0.01, 0.99]), np.array([[0.99, 0.05]])), visible=True),
        Case("example: fair or biased coin after H, H, T",
             args=(np.array([0.5, 0.5]), np.array([[0.5, 0.8], [0.5, 0.8], [0.5, 0.2]])),
             visible=True),
        Case("hidden: two positive tests in a row",
             args=(np.array([0.01, 0.99]), np.array([[0.99, 0.05], [0.99, 0.05]]))),
        *[Case(f"hidden: which coin? {m} flips", args=(uniform3, _coin_flips(rng, m, biases, 0.7)))
          for m in [5, 50]],
        Case("hidden: 6 hypotheses, 20 random observations",
             args=(dirichlet, rng.uniform(0.05, 0.95, size=(20, 6)))),
        Case("edge: 2000 observations (the product underflows)",
             args=(uniform3, _coin_flips(rng, 2000, biases, 0.5)), kind="edge"),
        Case("edge: no observations returns the prior",
             args=(np.array([0.2, 0.3, 0.5]), np.zeros((0, 3))), kind="edge"),
        Case("edge: a likelihood of 0 rules a hypothesis out",
             args=(uniform3, np.array([[0.0, 0.5, 0.9], [0.4, 0.5, 0.6]])), kind="edge"),
        Case("edge: a prior of 0 stays 0",
             args=(np.array([0.0, 0.5, 0.5]), np.array([[0.9, 0.2, 0.1]])), kind="edge"),
        Case("edge: impossible evidence",
             args=(np.array([0.5, 0.5, 0.0]), np.array([[0.0, 0.0, 1.0]])),
             raises=ValueError, kind="edge"),
        Case("edge: prior does not sum to 1",
             args=(np.array([0.5, 0.6]), np.array([[0.1, 0.2]])), raises=ValueError,
             kind="edge"),
        Case("edge: likelihood above 1",
             args=(np.array([0.5, 0.5]), np.array([[1.5, 0.2]])), raises=ValueError,
             kind="edge"),
    ]


def _log_normalised(log_w: np.ndarray) -> np.ndarray:
    w = np.exp(log_w - log_w.max())
    return w / w.sum()


def _logs(prior: np.ndarray, L: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(divide="ignore"):
        return np.log(np.asarray(prior, dtype=float)), np.log(np.asarray(L, dtype=float)).sum(0)


MISTAKES = [
    Mistake(
        "prior ignored",
        wrong=lambda prior, L: _log_normalised(_logs(prior, L)[1]),
        hint="You normalised the likelihoods alone. Multiply by the prior first: a rare "
        "hypothesis needs strong evidence (the base-rate fallacy).",
    ),
    Mistake(
        "not normalised",
        wrong=lambda prior, L: np.asarray(prior, float) * np.prod(np.asarray(L, float), axis=0),
        hint="Your values do not sum to 1: divide by the evidence P(e), the sum over all "
        "hypotheses of likelihood times prior.",
    ),
]

NONFINITE_HINT = (
    "0/0: the product of many likelihoods underflowed to 0 for every hypothesis. Sum their logs, "
    "subtract the largest log-posterior, then exponentiate and normalise."
)
