"""Eigenvalues, power iteration, singular values, low-rank approximation and PCA."""

from __future__ import annotations

import numpy as np

from quizzes.checking import AnswerSpec
from quizzes.generators.base import Question, question, require
from quizzes.generators.tex import mat, num, paren, vec

TOPIC = "eigen-svd"


def _sym_eigen_text(a: float, b: float, d: float) -> tuple[float, float, str]:
    """Eigenvalues (descending) of [[a, b], [b, d]] and the worked characteristic equation."""
    tr, det = a + d, a * d - b * b
    disc = tr * tr - 4 * det
    root = float(np.sqrt(disc))
    l1, l2 = (tr + root) / 2, (tr - root) / 2
    text = (
        "The eigenvalues solve $\\det(A-\\lambda I)=0$, i.e. "
        "$\\lambda^2 - (\\operatorname{tr}A)\\lambda + \\det A = 0$ with "
        f"$\\operatorname{{tr}}A = {num(tr)}$ and $\\det A = {num(det)}$:\n\n"
        f"$$\\lambda = \\frac{{{num(tr)} \\pm \\sqrt{{{paren(tr)}^2 - 4\\cdot{paren(det)}}}}}{{2}}"
        f" = \\frac{{{num(tr)} \\pm \\sqrt{{{num(disc)}}}}}{{2}},$$\n\n"
        f"so $\\lambda_1 \\approx {num(l1)}$ and $\\lambda_2 \\approx {num(l2)}$."
    )
    return l1, l2, text


@question("eigenvalues-symmetric-2x2", topic=TOPIC, title="Eigenvalues of a symmetric 2x2 matrix")
def eigenvalues_symmetric_2x2(rng: np.random.Generator) -> Question:
    a, d = (int(x) for x in rng.integers(-5, 6, 2))
    b = int(rng.integers(1, 5)) * int(rng.choice([-1, 1]))
    l1, l2, text = _sym_eigen_text(a, b, d)
    require(abs(l1) > 0.05 and abs(l2) > 0.05)
    A = np.array([[a, b], [b, d]])
    return Question(
        params={"A": A},
        prompt=f"Find both eigenvalues of $$A = {mat(A)}.$$\n\n"
        "Answer as a vector `[l1, l2]` in any order; `sqrt(...)` is fine. Each eigenvalue "
        "earns half.",
        answer=AnswerSpec([l1, l2], mode="relative", tol=1e-3, partial=True, unordered=True),
        solution=text + "\n\nBecause $A$ is symmetric both eigenvalues are real; they add up "
        "to the trace and multiply to the determinant.",
    )


@question("power-iteration-step", topic=TOPIC, title="Two steps of power iteration")
def power_iteration_step(rng: np.random.Generator) -> Question:
    a, d = (int(x) for x in rng.integers(1, 10, 2))
    b = int(rng.integers(1, 5)) * int(rng.choice([-1, 1]))
    A = np.array([[a, b], [b, d]], dtype=float)
    x0 = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]][int(rng.integers(0, 3))])
    x = x0.copy()
    lines = []
    for k in (1, 2):
        y = A @ x
        require(np.abs(y).max() > 0)
        lines.append(
            f"Step {k}: $A\\mathbf x_{{{k - 1}}} = {vec(y)}$, divide by its largest magnitude "
            f"${num(np.abs(y).max())}$: $\\mathbf x_{{{k}}} = {vec(y / np.abs(y).max())}$."
        )
        x = y / np.abs(y).max()
    require(np.all(np.abs(x) > 1e-3))
    return Question(
        params={"A": A, "x0": x0},
        prompt=f"Run two steps of power iteration on $$A = {mat(A)}$$ starting from "
        f"$\\mathbf x_0 = ({num(x0[0])}, {num(x0[1])})^T$. In each step multiply by $A$, then "
        "divide the result by the largest absolute value among its entries. Give "
        "$\\mathbf x_2$ as `[x, y]`.",
        answer=AnswerSpec(x.tolist(), mode="absolute", tol=1e-3, partial=True),
        solution="\n\n".join(lines)
        + "\n\nRepeating this converges to the eigenvector of the largest eigenvalue; "
        "PageRank is the same iteration on the link matrix.",
    )


@question("singular-values-2x2", topic=TOPIC, title="Singular values of a 2x2 matrix")
def singular_values_2x2(rng: np.random.Generator) -> Question:
    A = rng.integers(-3, 4, (2, 2))
    require(round(np.linalg.det(A)) != 0)
    G = A.T @ A
    l1, l2, text = _sym_eigen_text(float(G[0, 0]), float(G[0, 1]), float(G[1, 1]))
    s = np.sqrt([l1, l2])
    return Question(
        params={"A": A},
        prompt=f"Find the singular values of $$A = {mat(A)}.$$\n\n"
        "Answer as `[s1, s2]` in any order; `sqrt(...)` is fine. Each earns half.",
        answer=AnswerSpec(s.tolist(), mode="relative", tol=1e-3, partial=True, unordered=True),
        solution="The singular values are the square roots of the eigenvalues of $A^TA$.\n\n"
        f"$$A^TA = {mat(G)}.$$\n\n{text}\n\n"
        f"So $\\sigma_1 = \\sqrt{{{num(l1)}}} \\approx {num(s[0])}$ and "
        f"$\\sigma_2 = \\sqrt{{{num(l2)}}} \\approx {num(s[1])}$.",
    )


@question("low-rank-error", topic=TOPIC, title="Error of the best rank-k approximation")
def low_rank_error(rng: np.random.Generator) -> Question:
    sigma = np.sort(rng.choice(np.arange(1, 13), size=4, replace=False))[::-1].astype(float)
    k = int(rng.integers(1, 3))
    tail = sigma[k:]
    value = float(np.sqrt(np.sum(tail**2)))
    squares = " + ".join(f"{num(s)}^2" for s in tail)
    return Question(
        params={"singular_values": sigma, "k": k},
        prompt=f"A matrix $A$ has singular values ${', '.join(num(s) for s in sigma)}$. "
        f"What is the Frobenius-norm error $\\lVert A - A_{k}\\rVert_F$ of its best rank-{k} "
        f"approximation $A_{k}$ (the truncated SVD)? `sqrt(...)` is fine.",
        answer=AnswerSpec(value, mode="relative", tol=1e-3),
        solution=f"By the Eckart–Young theorem the truncated SVD keeps the {k} largest singular "
        "values, and the error is made of the ones dropped:\n\n"
        f"$$\\lVert A - A_{k}\\rVert_F = \\sqrt{{{squares}}} = "
        f"\\sqrt{{{num(np.sum(tail**2))}}} \\approx {num(value)}.$$",
    )


@question("pca-explained-variance", topic=TOPIC, title="PCA explained variance ratio")
def pca_explained_variance(rng: np.random.Generator) -> Question:
    a, d = (int(x) for x in rng.integers(1, 10, 2))
    b = int(rng.integers(-4, 5))
    require(a * d - b * b > 0 and b != 0)
    C = np.array([[a, b], [b, d]], dtype=float)
    l1, l2, text = _sym_eigen_text(a, b, d)
    value = l1 / (l1 + l2)
    return Question(
        params={"covariance": C},
        prompt=f"Centred 2-D data has covariance matrix $$\\Sigma = {mat(C)}.$$\n\n"
        "What fraction of the total variance does the first principal component explain? "
        "Give a number between 0 and 1.",
        answer=AnswerSpec(value, mode="relative", tol=1e-3),
        solution="The principal components are the eigenvectors of $\\Sigma$; the variance "
        "along each is its eigenvalue.\n\n"
        f"{text}\n\nThe explained variance ratio of the first component is "
        f"$$\\frac{{\\lambda_1}}{{\\lambda_1+\\lambda_2}} = \\frac{{{num(l1)}}}{{{num(l1 + l2)}}}"
        f" \\approx {num(value)}.$$ (The total variance is also the trace, ${num(a + d)}$.)",
    )
