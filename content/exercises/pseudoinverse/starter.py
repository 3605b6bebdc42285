import numpy as np


def pinv_and_rank(A: np.ndarray) -> tuple[np.ndarray, int]:
    """Moore-Penrose pseudoinverse (n, m) of A (m, n) and its numerical rank, via the SVD.

    Singular values <= max(m, n) * eps * sigma_max count as zero.
    """
    raise NotImplementedError
