from __future__ import annotations

import numpy as np


def bayes_posterior(prior: np.ndarray, likelihoods: np.ndarray) -> np.ndarray:
    prior = np.asarray(prior, dtype=float)
    L = np.asarray(likelihoods, dtype=float)
    if prior.ndim != 1 or L.ndim != 2 or L.shape[1] != prior.shape[0]:
        raise ValueError(f"expected prior (k,) and likelihoods (m, k), got {prior.shape}, {L.shape}")
    if np.any(prior < 0) or abs(prior.sum() - 1.0) > 1e-9:
        raise ValueError("the prior must be non-negative and sum to 1")
    if np.any((L < 0) | (L > 1)):
        raise ValueError("likelihoods must lie in [0, 1]")
    with np.errstate(divide="ignore"):  # log(0) = -inf is exactly what a zero should become
        log_post = np.log(prior) + np.log(L).sum(axis=0)
    top = log_post.max()
    if top == -np.inf:
        raise ValueError("the evidence is impossible under every hypothesis")
    weights = np.exp(log_post - top)
    return weights / weights.sum()
