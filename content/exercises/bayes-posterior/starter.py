import numpy as np


def bayes_posterior(prior: np.ndarray, likelihoods: np.ndarray) -> np.ndarray:
    """Posterior over k hypotheses after m conditionally independent observations.

    prior: (k,), likelihoods: (m, k) with likelihoods[i, j] = P(e_i | h_j). Work in log space.
    """
    raise NotImplementedError
