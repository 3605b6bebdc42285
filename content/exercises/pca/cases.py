from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

PCA_CHECK = ("sign_invariant_columns", "allclose")

EXAMPLE_2D = np.array([
    [2.5, 2.4], [0.5, 0.7], [2.2, 2.9], [1.9, 2.2], [3.1, 3.0],
    [2.3, 2.7], [2.0, 1.6], [1.0, 1.1], [1.5, 1.6], [1.1, 0.9],
])


def _data(rng: np.random.Generator, n: int, d: int, offset: float) -> np.ndarray:
    """Rotated Gaussian data with clearly separated variances and a non-zero mean.

    Variances shrink by a factor of ~2.5 per axis, so the components are well defined and any
    correct method (eigh, eig, svd) agrees to many digits.
    """
    scales = 3.0 * 1.6 ** -np.arange(d)
    rotation, _ = np.linalg.qr(rng.normal(size=(d, d)))
    mean = offset + rng.normal(scale=2.0, size=d)
    return (rng.normal(size=(n, d)) * scales) @ rotation.T + mean


def cases(rng: np.random.Generator) -> list[Case]:
    return [
        Case("example: 10 correlated points, k=1", args=(EXAMPLE_2D, 1), visible=True,
             check=PCA_CHECK),
        Case("example: 3 features, k=2",
             args=(np.array([[2.0, 0.0, 1.0], [0.0, 1.0, 3.0], [4.0, 1.0, 0.0],
                             [1.0, 3.0, 2.0], [3.0, 2.0, 5.0], [6.0, 1.0, 2.0]]), 2),
             visible=True, check=PCA_CHECK),
        *[
            Case(f"hidden: random n={n}, d={d}, k={k}", args=(_data(rng, n, d, 5.0), k),
                 check=PCA_CHECK)
            for n, d, k in ((20, 3, 2), (60, 5, 2), (200, 8, 3))
        ],
        Case("edge: keep every component (k = d)", args=(_data(rng, 40, 4, 5.0), 4),
             kind="edge", check=PCA_CHECK),
        Case("edge: data far from the origin (mean ~1000)", args=(_data(rng, 50, 3, 1000.0), 1),
             kind="edge", check=PCA_CHECK),
        Case("edge: already centered data", args=(_centered(rng), 2), kind="edge",
             check=PCA_CHECK),
        Case("edge: most variance in the last feature",
             args=(rng.normal(size=(80, 3)) * np.array([0.2, 1.0, 5.0]) + 3.0, 2), kind="edge",
             check=PCA_CHECK),
    ]


def _centered(rng: np.random.Generator) -> np.ndarray:
    X = _data(rng, 30, 4, 0.0)
    return X - X.mean(axis=0)


def _eig(X: np.ndarray, *, center: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0) if center else X
    values, vectors = np.linalg.eigh(Xc.T @ Xc / (X.shape[0] - 1))
    return Xc, values, vectors


def _sorted_eig(X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    Xc, values, vectors = _eig(X, center=True)
    order = np.argsort(values)[::-1]
    return Xc, values[order], vectors[:, order]


def _uncentered(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    Xraw, values, vectors = _eig(X, center=False)
    order = np.argsort(values)[::-1]
    values, vectors = values[order], vectors[:, order]
    return Xraw @ vectors[:, :k], values[:k] / values.sum()


def _projects_raw_x(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    _, values, vectors = _sorted_eig(X)
    return np.asarray(X, dtype=float) @ vectors[:, :k], values[:k] / values.sum()


def _unsorted(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    Xc, values, vectors = _eig(X, center=True)
    return Xc @ vectors[:, :k], values[:k] / values.sum()


def _rows_reordered(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    Xc, values, vectors = _eig(X, center=True)
    order = np.argsort(values)[::-1]
    return Xc @ vectors[order, :][:, :k], values[order][:k] / values.sum()


def _rows_as_vectors(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    Xc, values, vectors = _sorted_eig(X)
    return Xc @ vectors[:k, :].T, values[:k] / values.sum()


def _ratio_over_kept(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    Xc, values, vectors = _sorted_eig(X)
    return Xc @ vectors[:, :k], values[:k] / values[:k].sum()


MISTAKES = [
    Mistake("data not centered", wrong=_uncentered,
            hint="Center X first: subtract the column means (X - X.mean(axis=0)) before the "
            "covariance. Without it the first 'component' mostly points at the mean."),
    Mistake("raw X projected", wrong=_projects_raw_x,
            hint="Project the centered data X_c, not the original X: the projection of the mean "
            "shifts every score by a constant."),
    Mistake("components not sorted", wrong=_unsorted,
            hint="np.linalg.eigh returns eigenvalues in ascending order: sort them in descending "
            "order (order = np.argsort(values)[::-1]) and reorder the eigenvector columns the "
            "same way (vectors[:, order])."),
    Mistake("eigenvector rows reordered", wrong=_rows_reordered,
            hint="Reorder the eigenvector columns (vectors[:, order]), not the rows: eigenvector "
            "j is the column vectors[:, j]."),
    Mistake("rows used as eigenvectors", wrong=_rows_as_vectors,
            hint="The eigenvectors are the columns of the matrix eigh returns (vectors[:, j]), "
            "not its rows."),
    Mistake("ratio over the kept components", wrong=_ratio_over_kept,
            hint="Divide by the sum of all d eigenvalues, not only the k you keep: the ratios "
            "should sum to 1 only when k = d."),
]
