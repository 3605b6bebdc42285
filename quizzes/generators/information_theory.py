"""Entropy, cross-entropy and KL divergence."""

from __future__ import annotations

import numpy as np

from quizzes.checking import AnswerSpec
from quizzes.generators.base import Question, question, require
from quizzes.generators.tex import num, rowvec

TOPIC = "information-theory"


def _distribution(rng: np.random.Generator, size: int) -> np.ndarray:
    # Multiples of 0.05 keep the numbers readable and strictly inside (0, 1).
    while True:
        cuts = np.sort(rng.choice(np.arange(1, 20), size=size - 1, replace=False))
        p = np.diff(np.concatenate([[0], cuts, [20]])) / 20
        if np.all(p > 0):
            return p


@question("entropy-bits", topic=TOPIC, title="Entropy in bits")
def entropy_bits(rng: np.random.Generator) -> Question:
    p = _distribution(rng, int(rng.integers(2, 5)))
    value = float(-(p * np.log2(p)).sum())
    terms = " + ".join(f"{num(x)}\\log_2\\tfrac{{1}}{{{num(x)}}}" for x in p)
    return Question(
        params={"p": p},
        prompt=f"A random symbol has probabilities ${rowvec(p)}$. What is its entropy in bits?",
        answer=AnswerSpec(value, mode="relative", tol=1e-3),
        solution="$H(P) = -\\sum_i p_i\\log_2 p_i$:\n\n"
        f"$$H = {terms} \\approx {num(value)}\\text{{ bits}}.$$\n\nThe maximum for "
        f"{len(p)} outcomes is $\\log_2 {len(p)} \\approx {num(np.log2(len(p)))}$, reached by "
        "the uniform distribution.",
    )


@question("kl-divergence", topic=TOPIC, title="KL divergence between two distributions")
def kl_divergence(rng: np.random.Generator) -> Question:
    p, q = _distribution(rng, 3), _distribution(rng, 3)
    value = float((p * np.log(p / q)).sum())
    require(value > 0.01)
    terms = " + ".join(
        f"{num(a)}\\ln\\tfrac{{{num(a)}}}{{{num(b)}}}" for a, b in zip(p, q, strict=True)
    )
    return Question(
        params={"p": p, "q": q},
        prompt=f"$P = {rowvec(p)}$ and $Q = {rowvec(q)}$ are distributions over the same three "
        "outcomes. Compute $D_{\\mathrm{KL}}(P\\,\\|\\,Q)$ in nats (natural logarithm).",
        answer=AnswerSpec(value, mode="relative", tol=1e-3),
        solution="$D_{\\mathrm{KL}}(P\\|Q) = \\sum_i p_i\\ln\\frac{p_i}{q_i}$:\n\n"
        f"$$D_{{\\mathrm{{KL}}}} = {terms} \\approx {num(value)}.$$\n\n"
        "It is never negative, is 0 only when $P = Q$, and is not symmetric: "
        f"$D_{{\\mathrm{{KL}}}}(Q\\|P) \\approx {num((q * np.log(q / p)).sum())}$.",
    )


@question("cross-entropy", topic=TOPIC, title="Cross-entropy between a target and a prediction")
def cross_entropy(rng: np.random.Generator) -> Question:
    p, q = _distribution(rng, 3), _distribution(rng, 3)
    value = float(-(p * np.log(q)).sum())
    entropy = float(-(p * np.log(p)).sum())
    terms = " + ".join(f"{num(a)}\\ln {num(b)}" for a, b in zip(p, q, strict=True))
    return Question(
        params={"p": p, "q": q},
        prompt=f"The true distribution is $P = {rowvec(p)}$ and a model predicts "
        f"$Q = {rowvec(q)}$. Compute the cross-entropy $H(P, Q)$ in nats.",
        answer=AnswerSpec(value, mode="relative", tol=1e-3),
        solution="$H(P, Q) = -\\sum_i p_i\\ln q_i$:\n\n"
        f"$$H(P,Q) = -({terms}) \\approx {num(value)}.$$\n\n"
        f"It equals $H(P) + D_{{\\mathrm{{KL}}}}(P\\|Q) = {num(entropy)} + "
        f"{num(value - entropy)}$, so minimising cross-entropy over $Q$ minimises the KL "
        "divergence.",
    )


@question("binary-cross-entropy", topic=TOPIC, title="Binary cross-entropy loss")
def binary_cross_entropy(rng: np.random.Generator) -> Question:
    y = rng.integers(0, 2, 3)
    require(0 < y.sum() < 3)
    p = np.round(rng.uniform(0.05, 0.95, 3), 2)
    losses = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    value = float(losses.mean())
    parts = ", ".join(
        f"-\\ln {num(pi) if yi else num(1 - pi)} = {num(li)}"
        for yi, pi, li in zip(y, p, losses, strict=True)
    )
    return Question(
        params={"y": y, "p": p},
        prompt=f"A classifier outputs probabilities $\\hat p = {rowvec(p)}$ for labels "
        f"$y = {rowvec(y)}$. What is the mean binary cross-entropy loss (natural log)?",
        answer=AnswerSpec(value, mode="relative", tol=1e-3),
        solution="Per example, $\\ell = -[y\\ln\\hat p + (1-y)\\ln(1-\\hat p)]$: the negative "
        "log of the probability given to the true label.\n\n"
        f"Losses: ${parts}$. Mean: ${num(value)}$.",
    )
