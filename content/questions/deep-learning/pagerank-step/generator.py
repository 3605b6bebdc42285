"""One PageRank power-iteration step."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, mat, num, require, vec


def generate(rng: np.random.Generator) -> dict[str, Any]:
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
    return dict(
        params={"links": links, "damping": d},
        prompt=f"{words[n]} pages: {described}. Start from $\\mathbf r_0 = "
        f"({', '.join([uniform] * n)})$ and apply one PageRank step "
        "$\\mathbf r_1 = \\frac{1-d}{n}\\mathbf 1 + d\\,M\\mathbf r_0$ "
        f"with $d = {num(d)}$, where $M_{{ij}} = 1/\\text{{outdegree}}(j)$ if $j$ links to $i$. "
        "Give $\\mathbf r_1$ as a vector; each entry earns an equal share.",
        answer=answer(r1.tolist(), mode="absolute", tol=1e-3, partial=True),
        solution=f"Column $j$ of $M$ spreads page $j$'s rank evenly over its links:\n\n"
        f"$$M = {mat(M)},\\qquad M\\mathbf r_0 = {vec(M @ r0)}.$$\n\n"
        f"$$\\mathbf r_1 = {num((1 - d) / n)}\\cdot\\mathbf 1 + {num(d)}\\,M\\mathbf r_0 = "
        f"{vec(r1)}.$$\n\n"
        "The entries still sum to 1; repeating the step converges to the "
        "PageRank vector.",
    )
