"""Attention weights and PageRank by power iteration."""

from __future__ import annotations

import numpy as np

from quizzes.checking import AnswerSpec
from quizzes.generators.base import Question, question, require
from quizzes.generators.tex import mat, num, rowvec, vec

TOPIC = "deep-learning"


@question("attention-weights", topic=TOPIC, title="Scaled dot-product attention weights")
def attention_weights(rng: np.random.Generator) -> Question:
    q = rng.integers(-2, 3, 4).astype(float)
    K = rng.integers(-2, 3, (3, 4)).astype(float)
    scores = K @ q / 2.0  # sqrt(d) = 2 for d = 4
    require(np.ptp(scores) > 0)
    w = np.exp(scores - scores.max())
    w /= w.sum()
    return Question(
        params={"q": q, "K": K},
        prompt=f"A query $\\mathbf q = {rowvec(q)}$ attends over three keys, the rows of "
        f"$$K = {mat(K)}.$$ Compute the attention weights "
        "$\\mathrm{softmax}(K\\mathbf q/\\sqrt d)$ as a vector of three numbers; each earns "
        "a third.",
        answer=AnswerSpec(w.tolist(), mode="absolute", tol=2e-3, partial=True),
        solution=f"Scores: $K\\mathbf q = {rowvec(K @ q)}$, divided by $\\sqrt{{4}} = 2$: "
        f"${rowvec(scores)}$. Softmax of the scores: ${rowvec(w)}$.\n\n"
        "Dividing by $\\sqrt d$ keeps the scores' spread independent of the dimension so the "
        "softmax does not saturate.",
    )


@question("pagerank-step", topic=TOPIC, title="One PageRank power-iteration step")
def pagerank_step(rng: np.random.Generator) -> Question:
    n = int(rng.integers(3, 5))
    links = np.zeros((n, n), dtype=int)  # links[i, j] = 1 if page j links to page i
    for j in range(n):
        targets = [i for i in range(n) if i != j]
        chosen = rng.choice(targets, size=int(rng.integers(1, n)), replace=False)
        links[chosen, j] = 1
    M = links / links.sum(axis=0)
    d = float(rng.choice([0.8, 0.85, 0.9]))
    r0 = np.full(n, 1 / n)
    r1 = (1 - d) / n + d * M @ r0
    require(np.ptp(r1) > 1e-3)
    described = "; ".join(
        f"page {j + 1} links to " + " and ".join(f"page {i + 1}" for i in range(n) if links[i, j])
        for j in range(n)
    )
    words = {3: "Three", 4: "Four"}
    uniform = f"1/{n}"
    return Question(
        params={"links": links, "damping": d},
        prompt=f"{words[n]} pages: {described}. Start from $\\mathbf r_0 = "
        f"({', '.join([uniform] * n)})$ and apply one PageRank step "
        "$\\mathbf r_1 = \\frac{1-d}{n}\\mathbf 1 + d\\,M\\mathbf r_0$ "
        f"with $d = {num(d)}$, where $M_{{ij}} = 1/\\text{{outdegree}}(j)$ if $j$ links to $i$. "
        "Give $\\mathbf r_1$ as a vector; each entry earns an equal share.",
        answer=AnswerSpec(r1.tolist(), mode="absolute", tol=1e-3, partial=True),
        solution=f"Column $j$ of $M$ spreads page $j$'s rank evenly over its links:\n\n"
        f"$$M = {mat(M)},\\qquad M\\mathbf r_0 = {vec(M @ r0)}.$$\n\n"
        f"$$\\mathbf r_1 = {num((1 - d) / n)}\\cdot\\mathbf 1 + {num(d)}\\,M\\mathbf r_0 = "
        f"{vec(r1)}.$$\n\n"
        "The entries still sum to 1; repeating the step converges to the "
        "PageRank vector.",
    )
