"""Bayes' rule for a diagnostic test."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, sig


def generate(rng: np.random.Generator) -> dict[str, Any]:
    prior = float(rng.choice([0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.15, 0.2]))
    sens = int(rng.integers(80, 100)) / 100
    fpr = int(rng.integers(1, 16)) / 100
    evidence = sens * prior + fpr * (1 - prior)
    value = sens * prior / evidence
    return dict(
        params={"prior": prior, "sensitivity": sens, "false_positive_rate": fpr},
        prompt=f"A condition affects {num(prior * 100)}% of people. A test detects it in "
        f"{num(sens * 100)}% of people who have it, and gives a false positive for "
        f"{num(fpr * 100)}% of people who do not. Someone tests positive. What is the "
        "probability they have the condition?",
        answer=answer(value, mode="relative", tol=1e-3),
        solution="Let $D$ = has the condition, $+$ = tests positive. The law of total "
        "probability gives the chance of a positive test:\n\n"
        "$$P(+) = P(+\\mid D)P(D) + P(+\\mid \\neg D)P(\\neg D)$$\n\n"
        f"$$P(+) = {num(sens)}\\cdot{num(prior)} + {num(fpr)}\\cdot{num(1 - prior)} = "
        f"{sig(evidence)}.$$\n\nBayes' rule:\n\n"
        f"$$P(D\\mid +) = \\frac{{P(+\\mid D)P(D)}}{{P(+)}} = \\frac{{{sig(sens * prior)}}}"
        f"{{{sig(evidence)}}} \\approx {sig(value, 4)}.$$\n\nWhen the condition is rare, most "
        "positives are false positives.",
    )
