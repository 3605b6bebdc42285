import numpy as np


def pagerank(adj: np.ndarray, damping: float = 0.85) -> np.ndarray:
    """PageRank of every page; adj[i, j] is the weight of the link i -> j.

    Dangling pages spread their rank uniformly. Return r (n,) summing to 1.
    """
    raise NotImplementedError
